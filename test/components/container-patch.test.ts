import { JsonPatch } from 'cdk8s';
import { DatadogAgent } from '../../src';
import { SECRET, envOf, synth, testChart } from '../support/helpers';

describe('containers by name', () => {
  test('containerPath follows the features that are on', () => {
    const pathOf = (props: any, name: string) => {
      const dd = new DatadogAgent(testChart(), 'datadog', { credentials: SECRET, ...props });
      return dd.nodeAgent.containerPath(name);
    };
    expect(pathOf({}, 'agent')).toBe('/spec/template/spec/containers/0');
    expect(pathOf({ networkMonitoring: { enabled: true } }, 'system-probe')).not.toBe(pathOf({ networkMonitoring: { enabled: true }, apm: { enabled: false } }, 'system-probe'));
    expect(pathOf({}, 'init-config')).toBe('/spec/template/spec/initContainers/1');
    expect(() => pathOf({}, 'system-probe')).toThrow('nodeAgent has no container named "system-probe": it runs agent, trace-agent, init-volume, init-config');
  });

  test('addContainerJsonPatch patches the named container wherever it renders', () => {
    for (const apm of [true, false]) {
      const chart = testChart();
      const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, apm: { enabled: apm }, networkMonitoring: { enabled: true } });
      dd.nodeAgent.addContainerJsonPatch('system-probe',
        JsonPatch.add('/env/-', { name: 'PATCHED', value: 'yes' }),
        JsonPatch.replace('/securityContext/readOnlyRootFilesystem', false));
      dd.clusterAgent!.addContainerJsonPatch('cluster-agent', JsonPatch.add('/env/-', { name: 'DCA_PATCHED', value: '1' }));
      const objs = synth(chart);
      const ds = objs.find(o => o.kind === 'DaemonSet');
      const sp = ds.spec.template.spec.containers.find((c: any) => c.name === 'system-probe');
      expect(envOf(sp).PATCHED).toBe('yes');
      expect(sp.securityContext.readOnlyRootFilesystem).toBe(false);
      for (const c of ds.spec.template.spec.containers.filter((x: any) => x.name !== 'system-probe')) expect(envOf(c).PATCHED).toBeUndefined();
      const dca = objs.find(o => o.kind === 'Deployment' && o.metadata.name === 'datadog-cluster-agent');
      expect(envOf(dca.spec.template.spec.containers[0]).DCA_PATCHED).toBe('1');
    }
  });

  test('the runners have it too; bad operations are refused', () => {
    const chart = testChart();
    const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, clusterChecksRunner: { enabled: true } });
    expect(dd.clusterChecksRunner!.containerPath('agent')).toBe('/spec/template/spec/containers/0');
    expect(dd.clusterAgent!.containerPath('init-volume')).toBe('/spec/template/spec/initContainers/0');
    expect(() => dd.nodeAgent.addContainerJsonPatch('agent', JsonPatch.add('env/-', {}))).toThrow('operation 0 has path "env/-", which must be "" or start with "/"');
    expect(() => dd.nodeAgent.addContainerJsonPatch('agent', { op: 'add' } as any)).toThrow('operation 0 must be a JsonPatch');
  });
});
