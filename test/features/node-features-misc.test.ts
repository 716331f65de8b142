import { ExtraVolume, LogLevel, SbomAnalyzer, TagCardinality } from '../../src';
import { envOf, featureSlice, render } from '../support/helpers';

/** Every option of OTLP, SBOM, Prometheus scrape, remote config, filters, tags and escape hatches at once. */
function everything() {
  return render({
    otlp: { grpc: { enabled: true }, http: { enabled: true, useHostPort: false }, logsEnabled: true },
    sbom: { containerImage: { enabled: true, analyzers: [SbomAnalyzer.OS] }, host: { enabled: true } },
    prometheusScrape: { enabled: true, serviceEndpoints: true, additionalConfigs: [{ autodiscovery: { containerNames: ['app'] } }] },
    remoteConfiguration: { enabled: false },
    containerLifecycle: false,
    checksCardinality: TagCardinality.HIGH,
    containerExclude: ['kube_namespace:^kube-system$'],
    containerIncludeLogs: ['name:^web$'],
    podLabelsAsTags: { app: 'app' },
    nodeLabelsAsTags: { 'topology.kubernetes.io/zone': 'zone' },
    namespaceAnnotationsAsTags: { owner: 'owner' },
    nodeAgent: {
      envFrom: [{ configMapRef: { name: 'node-env' } }],
      volumes: [ExtraVolume.hostPath('host-certs', '/etc/ssl/certs')],
      volumeMounts: [{ volume: 'host-certs', mountPath: '/etc/ssl/certs' }],
      containers: { agent: { logLevel: LogLevel.DEBUG } },
    },
    clusterAgent: {
      envFrom: [{ secretRef: { name: 'dca-env' } }],
      volumes: [ExtraVolume.secret('extra', 'dca-extra')],
      volumeMounts: [{ volume: 'extra', mountPath: '/etc/extra' }],
    },
  });
}

describe('node features (misc): everything on', () => {
  test('snapshot', () => {
    expect(featureSlice(everything())).toMatchSnapshot();
  });

  test('the only added capability is SYS_ADMIN on the agent (mount-based image SBOM); never privileged', () => {
    const m = everything();
    const spec = m.daemonSet.spec.template.spec;
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      expect(c.securityContext.privileged).toBeUndefined();
      expect(c.securityContext.capabilities?.add ?? []).toEqual(c.name === 'agent' ? ['SYS_ADMIN'] : []);
    }
    expect(m.clusterAgent.spec.template.spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('output is deterministic', () => {
    expect(JSON.stringify(everything().objects)).toBe(JSON.stringify(everything().objects));
  });

  test('with defaults, none of these modules adds a capability, annotation or hostPath', () => {
    const m = render();
    const spec = m.daemonSet.spec.template.spec;
    for (const c of spec.containers) expect(c.securityContext.capabilities).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations).toBeUndefined();
    const hostPaths = spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.name);
    for (const n of ['host-containerd-dir', 'host-docker-dir', 'host-crio-dir', 'host-apk-dir', 'host-dpkg-dir', 'host-rpm-dir', 'etc-redhat-release']) {
      expect(hostPaths).not.toContain(n);
    }
    expect(envOf(m.container('agent'))).toMatchObject({
      DD_REMOTE_CONFIGURATION_ENABLED: 'true',
      DD_CONTAINER_LIFECYCLE_ENABLED: 'true',
      DD_CONTAINER_IMAGE_ENABLED: 'true',
      DD_OTLP_CONFIG_LOGS_ENABLED: 'false',
    });
  });
});
