import { SbomAnalyzer } from '../../src';
import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

describe('sbom', () => {
  test('defaults: container image collection on, no SBOM env, no extra capability or annotation', () => {
    const m = render();
    const env = envOf(m.container('agent'));
    expect(env.DD_CONTAINER_IMAGE_ENABLED).toBe('true');
    expect(Object.keys(env).filter(k => k.startsWith('DD_SBOM'))).toEqual([]);
    expect(m.container('agent').securityContext.capabilities).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations).toBeUndefined();
  });

  test('containerImageCollection: false turns image metadata off', () => {
    expect(envOf(render({ containerImageCollection: false }).container('agent')).DD_CONTAINER_IMAGE_ENABLED).toBe('false');
  });

  test('snapshot: container image SBOM (mount-based) and host SBOM', () => {
    const m = render({ sbom: { containerImage: { enabled: true }, host: { enabled: true } } });
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('container image with uncompressed layers: SYS_ADMIN, AppArmor unconfined, runtime dirs read-only', () => {
    const m = render({
      sbom: { containerImage: { enabled: true, analyzers: [SbomAnalyzer.OS, SbomAnalyzer.LANGUAGES], containerExclude: ['kube_namespace:^kube-system$'], containerInclude: ['image:^my-registry/'] } },
    });
    const agent = m.container('agent');
    const env = envOf(agent);
    expect(env).toMatchObject({
      DD_CONTAINER_IMAGE_ENABLED: 'true',
      DD_SBOM_ENABLED: 'true',
      DD_SBOM_CONTAINER_IMAGE_ENABLED: 'true',
      DD_SBOM_CONTAINER_IMAGE_USE_MOUNT: 'true',
      DD_SBOM_CONTAINER_IMAGE_ANALYZERS: 'os languages',
      DD_SBOM_CONTAINER_IMAGE_CONTAINER_EXCLUDE: 'kube_namespace:^kube-system$',
      DD_SBOM_CONTAINER_IMAGE_CONTAINER_INCLUDE: 'image:^my-registry/',
    });
    expect(env.DD_SBOM_HOST_ENABLED).toBeUndefined();
    expect(env.DD_SBOM_CONTAINER_IMAGE_OVERLAYFS_DIRECT_SCAN).toBeUndefined();
    expect(agent.securityContext.capabilities).toEqual({ add: ['SYS_ADMIN'] });
    expect(agent.securityContext.privileged).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/agent': 'unconfined' });
    expect(m.daemonSet.spec.template.spec.hostPID).toBe(true);
    const mounts = mountsOf(agent);
    for (const [name, path] of [['host-containerd-dir', '/var/lib/containerd'], ['host-docker-dir', '/var/lib/docker'], ['host-crio-dir', '/var/lib/containers']]) {
      expect(mounts[`/host${path}`]).toEqual({ name, mountPath: `/host${path}`, readOnly: true });
      expect(m.volume(name)).toEqual({ name, hostPath: { path } });
    }
    // Other containers get nothing.
    expect(m.container('trace-agent').securityContext.capabilities).toBeUndefined();
    expect(envOf(m.container('trace-agent')).DD_SBOM_ENABLED).toBeUndefined();
  });

  test('overlayFS direct scan: no SYS_ADMIN, still unconfined and mounted', () => {
    const m = render({ sbom: { containerImage: { enabled: true, overlayFSDirectScan: true } } });
    const agent = m.container('agent');
    expect(envOf(agent).DD_SBOM_CONTAINER_IMAGE_OVERLAYFS_DIRECT_SCAN).toBe('true');
    expect(envOf(agent).DD_SBOM_CONTAINER_IMAGE_USE_MOUNT).toBeUndefined();
    expect(agent.securityContext.capabilities).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/agent': 'unconfined' });
    expect(mountsOf(agent)['/host/var/lib/containerd']).toBeDefined();
  });

  test('without uncompressed layers: no capability, annotation or runtime mounts', () => {
    const m = render({ sbom: { containerImage: { enabled: true, uncompressedLayersSupport: false } } });
    const agent = m.container('agent');
    expect(envOf(agent).DD_SBOM_CONTAINER_IMAGE_USE_MOUNT).toBeUndefined();
    expect(agent.securityContext.capabilities).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations).toBeUndefined();
    expect(m.volume('host-containerd-dir')).toBeUndefined();
  });

  test('host SBOM: HOST_ROOT, package databases and release files read-only, no capability', () => {
    const m = render({ sbom: { host: { enabled: true, analyzers: [SbomAnalyzer.OS] } } });
    const agent = m.container('agent');
    expect(envOf(agent)).toMatchObject({ DD_SBOM_ENABLED: 'true', DD_SBOM_HOST_ENABLED: 'true', HOST_ROOT: '/host', DD_SBOM_HOST_ANALYZERS: 'os' });
    expect(envOf(agent).DD_SBOM_CONTAINER_IMAGE_ENABLED).toBeUndefined();
    const mounts = mountsOf(agent);
    for (const db of ['apk', 'dpkg', 'rpm']) {
      expect(mounts[`/host/var/lib/${db}`]).toEqual({ name: `host-${db}-dir`, mountPath: `/host/var/lib/${db}`, readOnly: true });
    }
    for (const f of ['redhat-release', 'fedora-release', 'lsb-release', 'system-release']) {
      expect(mounts[`/host/etc/${f}`]).toEqual({ name: `etc-${f}`, mountPath: `/host/etc/${f}`, readOnly: true });
      expect(m.volume(`etc-${f}`)).toEqual({ name: `etc-${f}`, hostPath: { path: `/etc/${f}` } });
    }
    expect(agent.securityContext.capabilities).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations).toBeUndefined();
  });

  test('bad input', () => {
    expect(() => render({ sbom: { containerImage: { enabled: true, uncompressedLayersSupport: false, overlayFSDirectScan: true } } }))
      .toThrow(/sbom.containerImage.overlayFSDirectScan needs sbom.containerImage.uncompressedLayersSupport/);
    expect(() => render({ sbom: { containerImage: { enabled: true, containerExclude: ['namespace:foo'] } } }))
      .toThrow(/sbom.containerImage.containerExclude\[0\] must be "image:<regex>", "name:<regex>" or "kube_namespace:<regex>"/);
    expect(() => render({ sbom: { containerImage: { analyzers: [SbomAnalyzer.OS] } } }))
      .toThrow(/sbom.containerImage.analyzers needs sbom.containerImage.enabled/);
    expect(() => render({ sbom: { host: { enabled: true, analyzers: ['rust' as SbomAnalyzer] } } }))
      .toThrow(/sbom.host.analyzers\[0\] must be one of os, languages, got "rust"/);
    expect(() => render({ sbom: { host: { enabled: true, analyzers: [] } } }))
      .toThrow(/sbom.host.analyzers must be a non-empty list/);
    expect(() => render({ containerImageCollection: false, sbom: { containerImage: { enabled: true } } }))
      .toThrow(/containerImageCollection must stay on with sbom.containerImage.enabled/);
  });
});

test('mount-based image SBOM: the agent keeps SYS_ADMIN without allowPrivilegeEscalation: false (the API server refuses the pair)', () => {
  const m = render({ sbom: { containerImage: { enabled: true } } });
  const sc = m.container('agent').securityContext;
  expect(sc.capabilities.add).toEqual(['SYS_ADMIN']);
  expect(sc).not.toHaveProperty('allowPrivilegeEscalation');
  expect(sc.readOnlyRootFilesystem).toBe(true);
});

test('analyzers default to "os", written out as the chart does', () => {
  const env = envOf(render({ sbom: { host: { enabled: true } } }).container('agent'));
  expect([env.DD_SBOM_CONTAINER_IMAGE_ANALYZERS, env.DD_SBOM_HOST_ANALYZERS]).toEqual(['os', 'os']);
  expect(envOf(render({ sbom: { host: { enabled: true, analyzers: [SbomAnalyzer.OS] } } }).container('agent')).DD_SBOM_HOST_ANALYZERS).toEqual('os');
});
