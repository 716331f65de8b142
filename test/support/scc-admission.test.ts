import { render } from './helpers';
import { BUILTIN_SCCS, admitted, sccRefusals } from './scc-admission';
import { KubernetesPlatform } from '../../src';

const builtin = (name: string) => BUILTIN_SCCS.find(s => s.metadata.name === name);
const pod = (spec: any) => ({ containers: [{ name: 'c', image: 'x' }], ...spec });

describe('SCC admission model', () => {
  test('the ten built-in SCCs', () => {
    expect(BUILTIN_SCCS.map(s => s.metadata.name).sort()).toEqual(
      ['anyuid', 'hostaccess', 'hostmount-anyuid', 'hostnetwork', 'hostnetwork-v2', 'nonroot', 'nonroot-v2', 'privileged', 'restricted', 'restricted-v2']);
  });

  test('privileged admits the node agent pod with every feature that adds capabilities', () => {
    const m = render({ platform: KubernetesPlatform.OPENSHIFT, networkMonitoring: { enabled: true }, security: { compliance: { enabled: true } } });
    expect(sccRefusals(builtin('privileged'), m.daemonSet.spec.template.spec)).toEqual([]);
  });

  test('hostaccess refuses the node agent: it runs as root, hostaccess takes the namespace UID range', () => {
    const m = render({ platform: KubernetesPlatform.OPENSHIFT });
    const r = sccRefusals(builtin('hostaccess'), m.daemonSet.spec.template.spec);
    expect(r.length).toBeGreaterThan(0);
    expect(r.every(x => /runAsUser 0 outside 1000680000-1000689999/.test(x))).toBe(true);
  });

  test('restricted-v2 refuses host paths, host namespaces and ports, root, capabilities', () => {
    const r = sccRefusals(builtin('restricted-v2'), pod({
      hostPID: true,
      hostNetwork: true,
      securityContext: { runAsUser: 0 },
      volumes: [{ name: 'proc', hostPath: { path: '/proc' } }],
      containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8125, hostPort: 8125 }], securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }],
    }));
    expect(r).toEqual([
      'hostNetwork', 'hostPID',
      'volume proc: hostPath volumes are not allowed', 'volume proc: host paths are not allowed',
      'container c: host port 8125', 'container c: capability SYS_ADMIN is not allowed',
      'container c: privilege escalation is forced off, which CAP_SYS_ADMIN or privileged contradict',
      'container c: runAsUser 0 outside 1000680000-1000689999',
    ]);
  });

  test('seccomp: profiles must be listed; none may be set when the SCC lists none', () => {
    const local = pod({ containers: [{ name: 'c', image: 'x', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'system-probe' } } }] });
    expect(sccRefusals(builtin('restricted-v2'), local)).toContain('container c: seccomp profile localhost/system-probe is not allowed');
    expect(sccRefusals(builtin('hostaccess'), local)).toContain('container c: seccomp profile localhost/system-probe is not allowed');
    expect(sccRefusals(builtin('privileged'), local)).toEqual([]);
  });

  test('SELinux MustRunAs, read-only root, MustRunAsNonRoot, fsGroup ranges', () => {
    const scc = { ...builtin('nonroot-v2'), readOnlyRootFilesystem: true, seLinuxContext: { type: 'MustRunAs', seLinuxOptions: { type: 'spc_t' } }, fsGroup: { type: 'MustRunAs', ranges: [{ min: 1, max: 2 }] } };
    const r = sccRefusals(scc, pod({
      securityContext: { fsGroup: 5, seLinuxOptions: { type: 'container_t' } },
      containers: [{ name: 'c', image: 'x', securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: false } }],
    }));
    expect(r).toEqual(['fsGroup 5 outside the allowed range', 'container c: writable root filesystem', 'container c: must run as non-root', 'container c: seLinux type container_t, must be spc_t']);
  });

  test('what admission fills in', () => {
    expect(admitted(builtin('restricted-v2'), pod({})).seccomp).toEqual({ c: 'runtime/default' });
    expect(admitted(builtin('restricted-v2'), pod({})).uid).toBe(1000680000);
    expect(admitted(builtin('hostaccess'), pod({})).seccomp).toEqual({ c: undefined });
  });
});
