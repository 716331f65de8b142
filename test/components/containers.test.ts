import { CONTAINER, NODE_CONTAINERS, POD_RESOURCES_DIR, VOLUME } from '../../src/components/containers';
import { typeSchema } from '../../src/input/schema';
import { EVERY_FEATURE_ON, render } from '../support/helpers';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

describe('container and volume names', () => {
  test('are distinct DNS labels', () => {
    for (const names of [Object.values(CONTAINER), Object.values(VOLUME)]) {
      expect(names.filter(n => !DNS_LABEL.test(n))).toEqual([]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  test('the node containers are the ones nodeAgent.containers names, in the same terms', () => {
    expect(NODE_CONTAINERS.map(c => c.key).sort()).toEqual(Object.keys(typeSchema('cdk8s-datadog.NodeAgentContainers').fields ?? {}).sort());
    const names: string[] = NODE_CONTAINERS.map(c => c.name);
    expect(names.every(n => (Object.values(CONTAINER) as string[]).includes(n))).toBe(true);
  });

  test('with every feature on, the node pod runs exactly the node containers, named as listed', () => {
    const m = render(EVERY_FEATURE_ON);
    expect(m.containerNames().sort()).toEqual(NODE_CONTAINERS.map(c => c.name).sort());
    expect(m.containerNames(m.clusterAgent)).toEqual([CONTAINER.CLUSTER_AGENT]);
  });

  test('every volume a workload mounts under a shared name is defined in its pod', () => {
    const m = render(EVERY_FEATURE_ON);
    const spec = m.daemonSet.spec.template.spec;
    const defined = new Set(spec.volumes.map((v: any) => v.name));
    const shared = new Set<string>(Object.values(VOLUME));
    const mounted = [...spec.containers, ...spec.initContainers].flatMap((c: any) => (c.volumeMounts ?? []).map((v: any) => v.name));
    expect(mounted.filter((n: string) => shared.has(n) && !defined.has(n))).toEqual([]);
  });

  test('the pod-resources directory is the kubelet\'s default', () => {
    expect(POD_RESOURCES_DIR).toBe('/var/lib/kubelet/pod-resources');
  });
});
