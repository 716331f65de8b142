import { SPC_T, seccompName, sccForPod } from '../../src/features/openshift-scc';
import { sccRefusals } from '../support/scc-admission';

const tpl = (spec: any) => ({ spec: { containers: [{ name: 'c', image: 'x' }], ...spec } });

describe('sccForPod', () => {
  test('an empty pod gets nothing', () => {
    const s = sccForPod(tpl({}));
    expect(s).toMatchObject({
      allowHostDirVolumePlugin: false,
      allowHostIPC: false,
      allowHostNetwork: false,
      allowHostPID: false,
      allowHostPorts: false,
      allowPrivilegeEscalation: true,
      allowPrivilegedContainer: false,
      allowedCapabilities: [],
      volumes: [],
      seccompProfiles: ['runtime/default'],
      runAsUser: { type: 'MustRunAsRange' },
      seLinuxContext: { type: 'MustRunAs' },
      readOnlyRootFilesystem: false,
    });
  });

  test('follows what the pod uses', () => {
    const pod = tpl({
      hostPID: true,
      securityContext: { runAsUser: 0 },
      volumes: [{ name: 'a', hostPath: { path: '/proc' } }, { name: 'b', configMap: { name: 'x' } }, { name: 'c', emptyDir: {} }],
      initContainers: [{ name: 'i', image: 'x', securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false } }],
      containers: [
        { name: 'c', image: 'x', ports: [{ containerPort: 8125, hostPort: 8125 }], securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false } },
        { name: 's', image: 'x', securityContext: { readOnlyRootFilesystem: true, capabilities: { add: ['SYS_PTRACE', 'NET_ADMIN'] }, seccompProfile: { type: 'Localhost', localhostProfile: 'system-probe' } } },
      ],
    });
    const s = sccForPod(pod, SPC_T);
    expect(s).toMatchObject({
      allowHostDirVolumePlugin: true,
      allowHostPID: true,
      allowHostPorts: true,
      allowHostNetwork: false,
      allowPrivilegeEscalation: true,
      allowedCapabilities: ['NET_ADMIN', 'SYS_PTRACE'],
      volumes: ['configMap', 'emptyDir', 'hostPath'],
      runAsUser: { type: 'MustRunAs', uid: 0 },
      readOnlyRootFilesystem: true,
      seLinuxContext: { type: 'MustRunAs', seLinuxOptions: SPC_T },
      // containers without a profile get runtime/default at admission, never the system-probe profile
      seccompProfiles: ['runtime/default', 'localhost/system-probe'],
    });
    expect(sccRefusals(s, pod.spec)).toEqual([]);
  });

  test('privilege escalation forbidden only when every container forbids it; host network ports', () => {
    const s = sccForPod(tpl({ hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 1 }], securityContext: { allowPrivilegeEscalation: false } }] }));
    expect(s).toMatchObject({ allowPrivilegeEscalation: false, allowHostNetwork: true, allowHostPorts: true });
  });

  test('seccomp names', () => {
    expect(seccompName({ type: 'RuntimeDefault' })).toBe('runtime/default');
    expect(seccompName({ type: 'Unconfined' })).toBe('unconfined');
    expect(seccompName(undefined)).toBeUndefined();
    expect(() => seccompName({ type: 'Bogus' })).toThrow(/unknown seccomp profile type Bogus/);
  });
});
