import { k8s } from 'cdk8s-plus-27';
import { DatadogAgent, KubernetesPlatform } from '../../src';
import { chartDifference } from '../../src/differences';
import { SYSTEM_PROBE_FEATURES_ON, render } from '../support/helpers';

const SLEEP = { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 70'] } } };

describe('pod lifecycle: nodeAgent.lifecycle', () => {
  test('every long-running node container but system-probe runs the hooks (the chart\'s agents.lifecycle)', () => {
    const m = render({
      ...SYSTEM_PROBE_FEATURES_ON,
      security: { runtime: { enabled: true } },
      otelCollector: { enabled: true },
      nodeAgent: { lifecycle: SLEEP },
    });
    const names = m.containerNames();
    for (const name of ['agent', 'trace-agent', 'process-agent', 'security-agent', 'otel-agent']) {
      expect({ name, runs: names.includes(name), lifecycle: m.container(name).lifecycle }).toEqual({ name, runs: true, lifecycle: SLEEP });
    }
    expect(m.container('system-probe').lifecycle).toBeUndefined();
    for (const init of m.daemonSet.spec.template.spec.initContainers) expect(init.lifecycle).toBeUndefined();
    expect(m.container('cluster-agent', m.clusterAgent).lifecycle).toBeUndefined();
  });

  test('only the containers this configuration runs; nothing without the option', () => {
    const m = render({ apm: { enabled: false }, nodeAgent: { lifecycle: SLEEP } });
    expect(m.containerNames()).toEqual(['agent']);
    expect(m.container('agent').lifecycle).toEqual(SLEEP);
    const none = render();
    for (const c of none.daemonSet.spec.template.spec.containers) expect(c.lifecycle).toBeUndefined();
    expect(none.daemonSet.spec.template.spec.terminationGracePeriodSeconds).toBeUndefined();
  });

  test('httpGet and tcpSocket hooks keep their ports, typed or plain (JSON input)', () => {
    const typed = render({
      nodeAgent: {
        lifecycle: {
          postStart: { tcpSocket: { port: k8s.IntOrString.fromNumber(5555) } },
          preStop: { httpGet: { path: '/drain', port: k8s.IntOrString.fromString('agenthealth'), scheme: 'HTTP' } },
        },
      },
    });
    expect(typed.container('agent').lifecycle).toEqual({
      postStart: { tcpSocket: { port: 5555 } },
      preStop: { httpGet: { path: '/drain', port: 'agenthealth', scheme: 'HTTP' } },
    });
    const json = render(DatadogAgent.propsFromJson({
      credentials: { fromSecret: 'datadog-secret' },
      nodeAgent: { lifecycle: { preStop: { httpGet: { path: '/drain', port: 5555 } } } },
    }));
    expect(json.container('agent').lifecycle).toEqual({ preStop: { httpGet: { path: '/drain', port: 5555 } } });
  });

  test('bad hooks fail with the option path', () => {
    const r = (lifecycle: any, extra: any = {}) => () => render({ ...extra, nodeAgent: { lifecycle } });
    expect(r({ preStop: {} })).toThrow(/nodeAgent.lifecycle.preStop must set exactly one of exec, httpGet, tcpSocket, got none/);
    expect(r({ preStop: { exec: { command: ['x'] }, tcpSocket: { port: 1 } } })).toThrow(/nodeAgent.lifecycle.preStop must set exactly one of .*, got exec and tcpSocket/);
    expect(r({ postStart: { exec: { command: [] } } })).toThrow(/nodeAgent.lifecycle.postStart.exec.command must be a non-empty list of non-empty strings, got \[\]/);
    expect(r({ preStop: { exec: { command: ['sleep', ''] } } })).toThrow(/nodeAgent.lifecycle.preStop.exec.command must be a non-empty list of non-empty strings, got \["sleep",""\]/);
    expect(r({ preStop: { exec: { command: ['sleep', 5] } } })).toThrow(/nodeAgent.lifecycle.preStop.exec.command\[1\] must be a string, got 5/);
    expect(r({ preStop: { tcpSocket: { port: 70000 } } })).toThrow(/nodeAgent.lifecycle.preStop.tcpSocket.port must be <= 65535, got 70000/);
    expect(r({ preStop: { httpGet: { path: '/' } } })).toThrow(/nodeAgent.lifecycle.preStop.httpGet.port is required/);
    expect(r({ preStop: { httpGet: { port: 'Bad Name' } } })).toThrow(/nodeAgent.lifecycle.preStop.httpGet.port must be a port number \(1-65535\) or a container port name, got "Bad Name"/);
    // Kubernetes 1.27 has no sleep action (1.29+): strict input names the ones it has.
    expect(r({ preStop: { sleep: { seconds: 5 } } })).toThrow(/nodeAgent.lifecycle.preStop.sleep is not an option of k8s.LifecycleHandler; the options are exec, httpGet, tcpSocket/);
    expect(r({ onStop: SLEEP.preStop })).toThrow(/nodeAgent.lifecycle.onStop is not an option of k8s.Lifecycle; the options are postStart, preStop/);
    expect(r('sleep')).toThrow(/nodeAgent.lifecycle must be an object of options, got "sleep"/);
  });

  test('GKE Autopilot refuses exec hooks (difference gke-autopilot-refusals); tcpSocket hooks pass', () => {
    expect(chartDifference('gke-autopilot-refusals').ours).toMatch(/`exec` lifecycle hooks/);
    expect(() => render({ platform: KubernetesPlatform.GKE_AUTOPILOT, nodeAgent: { lifecycle: SLEEP } }))
      .toThrow(/nodeAgent.lifecycle.preStop.exec: platform GKE_AUTOPILOT refuses exec lifecycle hooks .*: use httpGet or tcpSocket/);
    const tcp = { preStop: { tcpSocket: { port: k8s.IntOrString.fromNumber(5555) } } };
    const m = render({ platform: KubernetesPlatform.GKE_AUTOPILOT, nodeAgent: { lifecycle: tcp } });
    expect(m.container('agent').lifecycle).toEqual({ preStop: { tcpSocket: { port: 5555 } } });
  });
});

describe('pod lifecycle: terminationGracePeriodSeconds', () => {
  test('on the node agent and the Cluster Agent pods, each its own', () => {
    const m = render({ nodeAgent: { terminationGracePeriodSeconds: 90 }, clusterAgent: { terminationGracePeriodSeconds: 45 } });
    expect(m.daemonSet.spec.template.spec.terminationGracePeriodSeconds).toBe(90);
    expect(m.clusterAgent.spec.template.spec.terminationGracePeriodSeconds).toBe(45);
    // 0 is rendered, where the chart renders nothing (difference termination-grace-period).
    expect(chartDifference('termination-grace-period').ours).toMatch(/`0` is rendered/);
    const nodeOnly = render({ nodeAgent: { terminationGracePeriodSeconds: 0 } });
    expect(nodeOnly.daemonSet.spec.template.spec.terminationGracePeriodSeconds).toBe(0);
    expect(nodeOnly.clusterAgent.spec.template.spec.terminationGracePeriodSeconds).toBeUndefined();
  });

  test('an integer >= 0, and a Cluster Agent to apply to', () => {
    expect(() => render({ nodeAgent: { terminationGracePeriodSeconds: -1 } })).toThrow(/nodeAgent.terminationGracePeriodSeconds must be >= 0, got -1/);
    expect(() => render({ nodeAgent: { terminationGracePeriodSeconds: 1.5 } })).toThrow(/nodeAgent.terminationGracePeriodSeconds must be an integer, got 1.5/);
    expect(() => render({ clusterAgent: { terminationGracePeriodSeconds: '30' as any } })).toThrow(/clusterAgent.terminationGracePeriodSeconds must be a number, got "30"/);
    expect(() => render({ clusterAgent: { enabled: false, terminationGracePeriodSeconds: 30 } }))
      .toThrow(/clusterAgent.terminationGracePeriodSeconds is set, but this installation deploys no Cluster Agent: remove it/);
    expect(() => render({ clusterAgent: { existing: { serviceName: 'dca' }, terminationGracePeriodSeconds: 30 } }))
      .toThrow(/clusterAgent.terminationGracePeriodSeconds shapes a Cluster Agent this construct deploys; with clusterAgent.existing there is none/);
  });
});
