import { PodModel } from '../../src/model/pod';

const init = { image: 'img', imagePullPolicy: 'IfNotPresent', securityContext: { readOnlyRootFilesystem: true } };

describe('PodModel', () => {
  test('env groups reach every member, including containers added later', () => {
    const pod = new PodModel('test');
    pod.addContainer('a', { ...init, envGroups: ['common'] });
    pod.addGroupEnv('common', { X: '1' });
    pod.addContainer('b', { ...init, envGroups: ['common', 'clusterAgentClient'] });
    pod.addGroupEnv('clusterAgentClient', { Y: { secretKeyRef: { name: 's', key: 'k' } } });
    pod.container('b').setEnv({ Z: '3' });
    const spec = pod.render().spec;
    expect(spec.containers[0].env).toEqual([{ name: 'X', value: '1' }]);
    expect(spec.containers[1].env).toEqual([{ name: 'X', value: '1' }, { name: 'Y', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'Z', value: '3' }]);
  });

  test('conflicting env is a bug and throws; identical re-set is fine', () => {
    const pod = new PodModel('test');
    const c = pod.addContainer('a', init).setEnv({ X: '1' });
    expect(() => c.setEnv({ X: '1' })).not.toThrow();
    expect(() => c.setEnv({ X: '2' })).toThrow(/env X set twice/);
  });

  test('user overrides replace in place', () => {
    const pod = new PodModel('test');
    pod.addContainer('a', init).setEnv({ X: '1', Y: '2' }).overrideEnv({ X: 'mine', W: 'new' });
    expect(pod.render().spec.containers[0].env).toEqual([{ name: 'X', value: 'mine' }, { name: 'Y', value: '2' }, { name: 'W', value: 'new' }]);
  });

  test('deferred mounts go only to containers that exist at render', () => {
    const pod = new PodModel('test');
    pod.volumeWithMounts({ name: 'v', emptyDir: {} }, { a: { mountPath: '/v' }, missing: { mountPath: '/v' } });
    pod.addContainer('a', init);
    const spec = pod.render().spec;
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'v', mountPath: '/v' }]);
  });

  test('unmounted volumes are dropped; mounts of undefined volumes throw', () => {
    const pod = new PodModel('test');
    pod.emptyDir('unused');
    pod.addContainer('a', init);
    expect(pod.render().spec.volumes).toBeUndefined();
    const bad = new PodModel('test');
    bad.addContainer('a', init).mount({ name: 'nope', mountPath: '/x' });
    expect(() => bad.render()).toThrow(/mounts volume nope, which the pod does not define/);
  });

  test('volumes: same definition twice is fine, different throws', () => {
    const pod = new PodModel('test');
    pod.hostPath('h', '/a');
    expect(() => pod.hostPath('h', '/a')).not.toThrow();
    expect(() => pod.hostPath('h', '/b')).toThrow(/volume h defined twice/);
  });

  test('mount and port clashes throw', () => {
    const pod = new PodModel('test');
    const c = pod.addContainer('a', init);
    c.mount({ name: 'x', mountPath: '/m' });
    expect(() => c.mount({ name: 'y', mountPath: '/m' })).toThrow(/\/m is mounted twice/);
    c.addPort({ name: 'p', containerPort: 1, protocol: 'TCP' });
    expect(() => c.addPort({ name: 'q', containerPort: 1, protocol: 'TCP' })).toThrow(/clashes/);
    expect(() => c.addPort({ name: 'q', containerPort: 1, protocol: 'UDP' })).not.toThrow();
  });

  test('capabilities render sorted whatever order features add them', () => {
    const pod = new PodModel('test');
    pod.addContainer('a', init).addCapabilities('SYS_PTRACE', 'NET_ADMIN').addCapabilities('CHOWN');
    expect(pod.render().spec.containers[0].securityContext).toEqual({ readOnlyRootFilesystem: true, capabilities: { add: ['CHOWN', 'NET_ADMIN', 'SYS_PTRACE'] } });
  });

  test('duplicate containers and unknown containers throw', () => {
    const pod = new PodModel('test');
    pod.addContainer('a', init);
    expect(() => pod.addInitContainer('a', init)).toThrow(/container a added twice/);
    expect(() => pod.container('b')).toThrow(/no container named b/);
  });

  test('labels, annotations and node selector render with sorted keys', () => {
    const pod = new PodModel('test');
    pod.addContainer('a', init);
    pod.labels.z = '1';
    pod.labels.a = '2';
    expect(Object.keys(pod.render().metadata.labels)).toEqual(['a', 'z']);
  });
});

test('a container that adds SYS_ADMIN loses allowPrivilegeEscalation: false (the API server refuses the pair)', () => {
  const pod = new PodModel('test');
  pod.addContainer('a', { ...init, securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false } }).addCapabilities('SYS_ADMIN');
  pod.addContainer('b', { ...init, securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false } }).addCapabilities('AUDIT_READ');
  const [a, b] = pod.render().spec.containers;
  expect(a.securityContext).toEqual({ readOnlyRootFilesystem: true, capabilities: { add: ['SYS_ADMIN'] } });
  expect(b.securityContext.allowPrivilegeEscalation).toBe(false);
});
