import * as fs from 'fs';
import * as path from 'path';
import { DatadogAgent, DatadogSite, NetworkPolicyFlavor } from '../../src';
import type { DatadogAgentProps } from '../../src';
import { compareManifests } from '../../src/cli/compare';
import { mergeValues, parseValues } from '../../src/cli/helm-values';
import { importValues } from '../../src/cli/import-helm';
import { readManifest } from '../../src/cli/main';
import { chartDifference } from '../../src/differences';
import { EVERY_FEATURE_ON, featureSlice, render, synth, testChart } from '../support/helpers';
import { schemaErrors } from '../support/strict-schema';

const KUBERNETES = { networkPolicy: { create: true } };
const CILIUM = { networkPolicy: { create: true, flavor: NetworkPolicyFlavor.CILIUM } };

const policies = (m: { objects: any[] }, kind = 'NetworkPolicy') => m.objects.filter(o => o.kind === kind);
/** The pod template labels of the workload a policy is named after. */
const podLabelsOf = (m: { objects: any[] }, name: string) =>
  m.objects.find(o => (o.kind === 'DaemonSet' || o.kind === 'Deployment') && o.metadata.name === name).spec.template.metadata.labels;
/** Every port a NetworkPolicy's ingress rules open, as `port/protocol` (TCP when unset). */
const ingressPorts = (p: any) => p.spec.ingress.flatMap((r: any) => r.ports.map((x: any) => `${x.port}/${x.protocol ?? 'TCP'}`));
/** The CiliumNetworkPolicy rule with this description. */
const rule = (p: any, description: string) => {
  const r = p.specs.find((s: any) => s.description === description);
  if (!r) throw new Error(`no rule "${description}" in ${p.metadata.name}: ${p.specs.map((s: any) => s.description).join(', ')}`);
  return r;
};
const ciliumIngressPorts = (p: any) => p.specs.filter((s: any) => s.ingress).flatMap((s: any) => s.ingress.flatMap((i: any) => i.toPorts.flatMap((t: any) => t.ports.map((x: any) => `${x.port}/${x.protocol}`))));

describe('network policies', () => {
  test('none by default', () => {
    const m = render();
    expect(policies(m)).toEqual([]);
    expect(policies(m, 'CiliumNetworkPolicy')).toEqual([]);
  });

  describe('KUBERNETES flavor', () => {
    test('one policy per deployed component, selecting exactly its pods, in the namespace', () => {
      const m = render({ ...KUBERNETES, clusterChecksRunner: { enabled: true } }, 'monitoring');
      expect(policies(m).map(p => p.metadata.name).sort()).toEqual(['datadog', 'datadog-cluster-agent', 'datadog-clusterchecks']);
      for (const p of policies(m)) {
        expect(p.apiVersion).toBe('networking.k8s.io/v1');
        expect(p.metadata.namespace).toBe('monitoring');
        expect(p.spec.policyTypes).toEqual(['Ingress', 'Egress']);
        // The selector is a subset of the workload's pod labels, and names it alone.
        expect(podLabelsOf(m, p.metadata.name)).toMatchObject(p.spec.podSelector.matchLabels);
        expect(p.spec.podSelector.matchLabels).toEqual({ app: p.metadata.name });
      }
    });

    test('snapshot: the default installation (node agents and Cluster Agent)', () => {
      const m = render(KUBERNETES);
      expect(policies(m).map(p => p.metadata.name)).toEqual(['datadog', 'datadog-cluster-agent']);
      expect(featureSlice(m)).toMatchSnapshot();
    });

    test('node agents: DogStatsD, APM and OTLP ingress on the ports the options resolve; egress to anything (checks)', () => {
      const m = render({
        ...KUBERNETES,
        dogstatsd: { port: 9125 },
        apm: { port: 9126 },
        otlp: { grpc: { enabled: true, endpoint: '0.0.0.0:5317' }, http: { enabled: true, endpoint: 'localhost:5318' } },
      });
      const p = m.get('NetworkPolicy', 'datadog');
      expect(ingressPorts(p)).toEqual(['9125/UDP', '9126/TCP', '5317/TCP', '5318/TCP']);
      // Exactly the ports the pod listens on for applications.
      const containerPorts = m.daemonSet.spec.template.spec.containers.flatMap((c: any) => (c.ports ?? []).map((x: any) => `${x.containerPort}/${x.protocol}`));
      expect(containerPorts).toEqual(expect.arrayContaining(ingressPorts(p)));
      expect(p.spec.egress).toEqual([{ ports: [{ port: 443 }] }, {}]);
    });

    test('node agents: no APM ingress with APM off, no OTLP ingress with the receivers off', () => {
      const p = render({ ...KUBERNETES, apm: { enabled: false } }).get('NetworkPolicy', 'datadog');
      expect(ingressPorts(p)).toEqual(['8125/UDP']);
    });

    test('Cluster Agent: API from the node agents, the replicas and the runners; webhook and metrics API on their ports', () => {
      const m = render({
        ...KUBERNETES,
        clusterChecksRunner: { enabled: true },
        clusterAgent: { admissionController: { port: 8001 }, externalMetrics: { enabled: true, port: 9443 } },
      });
      const p = m.get('NetworkPolicy', 'datadog-cluster-agent');
      expect(p.spec.ingress).toEqual([
        { ports: [{ port: 5000 }], from: [{ podSelector: { matchLabels: { app: 'datadog' } } }] },
        {
          ports: [{ port: 5005 }],
          from: [
            { podSelector: { matchLabels: { app: 'datadog' } } },
            { podSelector: { matchLabels: { app: 'datadog-cluster-agent' } } },
            { podSelector: { matchLabels: { app: 'datadog-clusterchecks' } } },
          ],
        },
        { ports: [{ port: 8001 }] },
        { ports: [{ port: 9443 }] },
      ]);
      // The ports are the ones the Cluster Agent container listens on.
      const dca = m.clusterAgent.spec.template.spec.containers[0];
      expect(dca.ports.map((x: any) => x.containerPort)).toEqual(expect.arrayContaining([5000, 5005, 8001, 9443]));
      expect(p.spec.egress).toEqual([
        { ports: [{ port: 5005 }], to: [{ podSelector: { matchLabels: { app: 'datadog-cluster-agent' } } }] },
        { ports: [{ port: 443 }, { port: 6443 }, { port: 53, protocol: 'UDP' }] },
      ]);
    });

    test('Cluster Agent: no webhook ingress with the admission controller off, none from runners that are not deployed', () => {
      const p = render({ ...KUBERNETES, clusterAgent: { admissionController: { enabled: false } } }).get('NetworkPolicy', 'datadog-cluster-agent');
      expect(p.spec.ingress.map((r: any) => r.ports[0].port)).toEqual([5000, 5005]);
      expect(p.spec.ingress[1].from).toHaveLength(2);
    });

    test('runners: no ingress; egress to the intake, the Cluster Agent API and anything (service checks)', () => {
      const p = render({ ...KUBERNETES, clusterChecksRunner: { enabled: true } }).get('NetworkPolicy', 'datadog-clusterchecks');
      expect(p.spec.ingress).toBeUndefined();
      expect(p.spec.egress).toEqual([
        { ports: [{ port: 443 }] },
        { ports: [{ port: 5005 }], to: [{ podSelector: { matchLabels: { app: 'datadog-cluster-agent' } } }] },
        {},
      ]);
    });

    test('no Cluster Agent policy without a Cluster Agent deployed here', () => {
      expect(policies(render({ ...KUBERNETES, clusterAgent: { enabled: false } })).map(p => p.metadata.name)).toEqual(['datadog']);
      const existing = render({ ...KUBERNETES, clusterAgent: { existing: { serviceName: 'dca' } } });
      expect(policies(existing).map(p => p.metadata.name)).toEqual(['datadog']);
    });

    test('names follow the installation name', () => {
      const m = render({ ...KUBERNETES, name: 'dd' });
      expect(policies(m).map(p => p.spec.podSelector.matchLabels.app)).toEqual(['dd-datadog', 'dd-datadog-cluster-agent']);
    });
  });

  describe('CILIUM flavor', () => {
    test('one CiliumNetworkPolicy per deployed component, valid against the Cilium CRD, every rule selecting its pods', () => {
      const m = render({ ...CILIUM, clusterChecksRunner: { enabled: true }, nodeAgent: { podLabels: { team: 'obs' } } });
      expect(policies(m)).toEqual([]);
      const cnps = policies(m, 'CiliumNetworkPolicy');
      expect(cnps.map(p => p.metadata.name).sort()).toEqual(['datadog', 'datadog-cluster-agent', 'datadog-clusterchecks']);
      for (const p of cnps) {
        expect(p.apiVersion).toBe('cilium.io/v2');
        expect(p.metadata.namespace).toBe('datadog');
        expect(schemaErrors(p)).toEqual([]);
        for (const s of p.specs) {
          expect(podLabelsOf(m, p.metadata.name)).toMatchObject(s.endpointSelector.matchLabels);
          expect(s.endpointSelector.matchLabels.app).toBe(p.metadata.name);
        }
      }
      // The node agents' pod labels are part of their selector, as in the chart.
      expect(rule(m.get('CiliumNetworkPolicy', 'datadog'), 'Egress to DNS').endpointSelector.matchLabels).toEqual({ team: 'obs', app: 'datadog' });
    });

    test('the CRD fixture rejects what Cilium rejects', () => {
      const p = render(CILIUM).get('CiliumNetworkPolicy', 'datadog');
      const bad = JSON.parse(JSON.stringify(p));
      bad.specs[0].egress[0].toPorts[0].ports[0].protocol = 'ICMP';
      bad.specs[1].egrees = [];
      expect(schemaErrors(bad)).toEqual(expect.arrayContaining([
        expect.stringMatching(/specs\/0\/egress\/0\/toPorts\/0\/ports\/0\/protocol must be equal to one of the allowed values/),
        expect.stringMatching(/specs\/1 must NOT have additional properties \(egrees\)/),
      ]));
    });

    test('intake host names of the site; DNS to the selected endpoints through the DNS proxy', () => {
      const m = render({ ...CILIUM, site: DatadogSite.EU1, networkPolicy: { ...CILIUM.networkPolicy, cilium: { dnsEndpointLabels: { 'k8s:k8s-app': 'coredns' } } } });
      const node = m.get('CiliumNetworkPolicy', 'datadog');
      const fqdns = rule(node, 'Egress to Datadog intake').egress[0].toFQDNs;
      expect(fqdns[0]).toEqual({ matchPattern: '*-app.agent.datadoghq.eu' });
      expect(fqdns).toContainEqual({ matchName: 'agent-http-intake.logs.datadoghq.eu' });
      expect(fqdns.every((f: any) => (f.matchName ?? f.matchPattern).endsWith('.datadoghq.eu'))).toBe(true);
      for (const p of policies(m, 'CiliumNetworkPolicy')) {
        expect(rule(p, 'Egress to DNS').egress).toEqual([{
          toEndpoints: [{ matchLabels: { 'k8s:k8s-app': 'coredns' } }],
          toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
        }]);
      }
      expect(rule(m.get('CiliumNetworkPolicy', 'datadog-cluster-agent'), 'Egress to Datadog intake').egress[0].toFQDNs)
        .toEqual([{ matchName: 'app.datadoghq.eu' }, { matchPattern: '*-app.agent.datadoghq.eu' }, { matchName: 'orchestrator.datadoghq.eu' }, { matchName: 'instrumentation-telemetry-intake.datadoghq.eu' }]);
    });

    test('the default DNS selector is kube-dns in kube-system', () => {
      const p = render(CILIUM).get('CiliumNetworkPolicy', 'datadog-cluster-agent');
      expect(rule(p, 'Egress to DNS').egress[0].toEndpoints).toEqual([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }]);
    });

    test('node agents: receivers on the resolved ports, open to pods of every namespace', () => {
      const m = render({ ...CILIUM, dogstatsd: { port: 9125 }, apm: { port: 9126 }, otlp: { http: { enabled: true, endpoint: '0.0.0.0:5318' } } });
      const p = m.get('CiliumNetworkPolicy', 'datadog');
      expect(ciliumIngressPorts(p)).toEqual(['9125/UDP', '9126/TCP', '5318/TCP']);
      // An empty selector in a namespaced policy would mean the agent's own namespace only.
      expect(rule(p, 'Ingress for dogstatsd').ingress[0].fromEndpoints).toEqual([{ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] }]);
      expect(rule(p, 'Egress to Kubelet').egress).toEqual([{ toEntities: ['host'], toPorts: [{ ports: [{ port: '10250', protocol: 'TCP' }] }] }]);
    });

    test('Cluster Agent: API between replicas, from node agents and runners; webhook from the API server; metrics API', () => {
      const m = render({
        ...CILIUM,
        clusterChecksRunner: { enabled: true },
        clusterAgent: { admissionController: { port: 8001 }, externalMetrics: { enabled: true, port: 9443 } },
      });
      const p = m.get('CiliumNetworkPolicy', 'datadog-cluster-agent');
      expect(rule(p, 'Ingress from cluster agent').ingress[0].fromEndpoints).toEqual([{ matchLabels: { app: 'datadog-cluster-agent' } }]);
      expect(rule(p, 'Egress to cluster agent').egress[0].toEndpoints).toEqual([{ matchLabels: { app: 'datadog-cluster-agent' } }]);
      expect(rule(p, 'Ingress from agent').ingress[0]).toEqual({
        fromEndpoints: [{ matchLabels: { app: 'datadog' } }],
        toPorts: [{ ports: [{ port: '5000', protocol: 'TCP' }, { port: '5005', protocol: 'TCP' }] }],
      });
      expect(rule(p, 'Ingress from cluster workers').ingress[0].fromEndpoints).toEqual([{ matchLabels: { app: 'datadog-clusterchecks' } }]);
      expect(rule(p, 'Ingress from API server for admission controller').ingress[0]).toEqual({ fromEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '8001', protocol: 'TCP' }] }] });
      expect(rule(p, 'Ingress from API server for external metrics').ingress[0]).toEqual({ fromEntities: ['world'], toPorts: [{ ports: [{ port: '9443', protocol: 'TCP' }] }] });
      expect(rule(p, 'Egress to Kube API server').egress[1].toEntities).toEqual(['kube-apiserver', 'host', 'remote-node']);
    });

    test('Cluster Agent: node agents on the host network come from the nodes', () => {
      const p = render({ ...CILIUM, nodeAgent: { hostNetwork: true } }).get('CiliumNetworkPolicy', 'datadog-cluster-agent');
      expect(rule(p, 'Ingress from agent').ingress[0].fromEntities).toEqual(['host', 'remote-node']);
      expect(p.specs.find((s: any) => s.description === 'Ingress from cluster workers')).toBeUndefined();
    });

    test('runners: the Cluster Agent API, the API server, anything for service checks; no ingress', () => {
      const p = render({ ...CILIUM, clusterChecksRunner: { enabled: true } }).get('CiliumNetworkPolicy', 'datadog-clusterchecks');
      expect(p.specs.map((s: any) => s.description)).toEqual([
        'Egress to metadata server', 'Egress to DNS', 'Egress to Datadog intake', 'Egress to Kube API server', 'Egress to cluster agent', 'Egress to anything for service checks',
      ]);
      expect(p.specs.some((s: any) => s.ingress)).toBe(false);
    });

    test('the CRD is noted as required at synthesis', () => {
      const m = render(CILIUM);
      expect(JSON.stringify(m.agent!.requiredCrds)).toMatch(/ciliumnetworkpolicies\.cilium\.io/);
      expect(JSON.stringify(render(KUBERNETES).agent!.requiredCrds)).not.toMatch(/cilium/);
    });
  });

  test.each([['KUBERNETES', NetworkPolicyFlavor.KUBERNETES], ['CILIUM', NetworkPolicyFlavor.CILIUM]])(
    '%s, with every feature on: every Service port that reaches a component is admitted by its policy', (_name, flavor) => {
      const m = render({ ...EVERY_FEATURE_ON, networkPolicy: { create: true, flavor } } as any);
      const admitted = (name: string) => {
        const p = m.find(flavor === NetworkPolicyFlavor.CILIUM ? 'CiliumNetworkPolicy' : 'NetworkPolicy', name);
        return flavor === NetworkPolicyFlavor.CILIUM ? ciliumIngressPorts(p) : ingressPorts(p);
      };
      const services = m.objects.filter(o => o.kind === 'Service');
      expect(services.length).toBeGreaterThanOrEqual(3);
      for (const svc of services) {
        const app = svc.spec.selector.app;
        for (const sp of svc.spec.ports) {
          const target = m.objects.filter(o => (o.kind === 'DaemonSet' || o.kind === 'Deployment') && o.metadata.name === app)
            .flatMap(w => w.spec.template.spec.containers).flatMap((ct: any) => ct.ports ?? [])
            .find((cp: any) => cp.containerPort === sp.targetPort || cp.name === sp.targetPort);
          expect(admitted(app)).toContain(`${target.containerPort}/${sp.protocol ?? 'TCP'}`);
        }
      }
    });

  describe('with windowsNodes', () => {
    const WINDOWS = { ...KUBERNETES, windowsNodes: { enabled: true }, apm: { useHostPort: true } };

    test('KUBERNETES: the Windows agents reach the Cluster Agent API, and their pods have a policy of their own', () => {
      const m = render({ ...WINDOWS, clusterChecksRunner: { enabled: true } });
      const api = m.get('NetworkPolicy', 'datadog-cluster-agent').spec.ingress.filter((r: any) => r.ports[0].port === 5005);
      expect(api.map((r: any) => r.from.map((p: any) => p.podSelector.matchLabels.app))).toEqual([
        ['datadog', 'datadog-cluster-agent', 'datadog-clusterchecks'],
        ['datadog-windows'],
      ]);
      const win = m.get('NetworkPolicy', 'datadog-windows');
      expect(win.spec.podSelector).toEqual({ matchLabels: { app: 'datadog-windows' } });
      expect(podLabelsOf(m, 'datadog-windows')).toMatchObject(win.spec.podSelector.matchLabels);
      expect(ingressPorts(win)).toEqual(['8125/UDP', '8126/TCP']);
      expect(win.spec.egress).toEqual([{ ports: [{ port: 443 }] }, {}]);
      expect(policies(m).map(p => p.metadata.name).sort()).toEqual(['datadog', 'datadog-cluster-agent', 'datadog-clusterchecks', 'datadog-windows']);
    });

    test('KUBERNETES: the Windows policy admits what the Windows containers serve (no trace port without the trace-agent, no DDOT)', () => {
      const m = render({ ...KUBERNETES, windowsNodes: { enabled: true }, nodeAgent: { localService: false }, otelCollector: { enabled: true } });
      expect(ingressPorts(m.get('NetworkPolicy', 'datadog-windows'))).toEqual(['8125/UDP']);
      expect(ingressPorts(m.get('NetworkPolicy', 'datadog'))).toEqual(['8125/UDP', '8126/TCP', '4317/TCP', '4318/TCP']);
    });

    test('KUBERNETES, with every feature on: every Service port that reaches the Windows pods is admitted', () => {
      const m = render({ ...EVERY_FEATURE_ON, secretBackend: undefined, windowsNodes: { enabled: true }, networkPolicy: { create: true } } as any);
      const svc = m.get('Service', 'datadog-windows');
      const served = m.get('DaemonSet', 'datadog-windows').spec.template.spec.containers.flatMap((ct: any) => ct.ports ?? []);
      for (const sp of svc.spec.ports) {
        const target = served.find((cp: any) => cp.containerPort === sp.targetPort);
        expect({ port: sp.name, target: target?.containerPort }).toEqual({ port: sp.name, target: sp.targetPort });
        expect(ingressPorts(m.get('NetworkPolicy', 'datadog-windows'))).toContain(`${sp.targetPort}/${sp.protocol ?? 'TCP'}`);
      }
    });

    test('CILIUM is refused with windowsNodes (Cilium does not run on Windows nodes)', () => {
      expect(() => render({ ...CILIUM, windowsNodes: { enabled: true } }))
        .toThrow(/networkPolicy.flavor CILIUM cannot apply to windowsNodes: Cilium does not run on Windows nodes/);
      expect(chartDifference('windows-network-policy').ours).toMatch(/CILIUM/);
    });

    test('next to the chart\'s render of its network-policy CI file, the Windows policy and peer are the documented difference', () => {
      const file = 'network-policy-values.yaml';
      const dir = path.join(__dirname, '..', 'fixtures', 'chart-3.240.0');
      const values = mergeValues({}, parseValues(fs.readFileSync(path.join(dir, file), 'utf8'), file));
      const compare = (extra: object) => {
        const chart = testChart();
        new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson({ ...importValues(values, { keepChartDefaults: true }).props, ...extra }));
        return compareManifests(readManifest(path.join(dir, file.replace(/\.yaml$/, '.render.yaml'))), synth(chart)).findings
          .filter(f => /NetworkPolicy\//.test(f.where));
      };
      const linux = compare({});
      const added = compare({ windowsNodes: { enabled: true } }).filter(f => !linux.some(g => g.key === f.key));
      expect(added.filter(f => !f.documented).map(f => f.key)).toEqual([]);
      expect([...new Set(added.map(f => f.documented!.id))]).toEqual(['windows-network-policy']);
      expect([...new Set(added.map(f => f.where))].sort()).toEqual(['NetworkPolicy/datadog-cluster-agent', 'NetworkPolicy/datadog-windows']);
      // The chart's API rule is kept as is; the Windows agents' is a rule of its own.
      expect(added.filter(f => f.where === 'NetworkPolicy/datadog-cluster-agent').map(f => f.key)).toEqual([
        '+netpol:NetworkPolicy/datadog-cluster-agent:ingress {"from":[{"podSelector":{"matchLabels":{"app":"datadog-windows"}}}],"ports":[{"port":5005}]}',
      ]);
    });
  });

  // Values files with every receiver and Cluster Agent port on, rendered by helm (fixtures): the
  // policies must be the chart's but for the documented differences.
  test.each([
    ['kubernetes-values.yaml', []],
    ['cilium-values.yaml', ['cilium-network-policy-rules']],
  ] as [string, string[]][])('as the chart renders %s, but for the documented differences', (file, ids) => {
    const dir = path.join(__dirname, '..', 'fixtures', 'network-policy');
    const values = mergeValues({}, parseValues(fs.readFileSync(path.join(dir, file), 'utf8'), file));
    const chart = testChart();
    new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson(importValues(values, { keepChartDefaults: true }).props));
    const findings = compareManifests(readManifest(path.join(dir, file.replace(/\.yaml$/, '.render.yaml'))), synth(chart)).findings
      .filter(f => /NetworkPolicy\//.test(f.where));
    expect(findings.filter(f => !f.documented).map(f => f.key)).toEqual([]);
    expect([...new Set(findings.map(f => f.documented!.id))]).toEqual(ids);
  });

  test('JSON input names the flavor', () => {
    const chart = testChart();
    new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson({
      credentials: { fromSecret: 'datadog-secret' },
      networkPolicy: { create: true, flavor: 'CILIUM', cilium: { dnsEndpointLabels: { 'k8s:k8s-app': 'coredns' } } },
    }));
    expect(synth(chart).filter(o => o.kind === 'CiliumNetworkPolicy')).toHaveLength(2);
  });

  test('bad input', () => {
    const bad = (p: Partial<DatadogAgentProps> | any) => () => render(p);
    expect(bad({ networkPolicy: { create: true, flavor: 'cilium' } })).toThrow(/networkPolicy.flavor must be a NetworkPolicyFlavor: use NetworkPolicyFlavor.CILIUM, NetworkPolicyFlavor.KUBERNETES, got "cilium"/);
    expect(bad({ networkPolicy: { create: 'yes' } })).toThrow(/networkPolicy.create must be true or false, got "yes"/);
    expect(bad({ networkPolicy: { flavor: NetworkPolicyFlavor.CILIUM } })).toThrow(/networkPolicy.flavor needs networkPolicy.create, which is false/);
    expect(bad({ networkPolicy: { create: true, cilium: { dnsEndpointLabels: { a: 'b' } } } }))
      .toThrow(/networkPolicy.cilium applies to networkPolicy.flavor CILIUM only, got KUBERNETES/);
    const dns = (labels: any) => bad({ networkPolicy: { ...CILIUM.networkPolicy, cilium: { dnsEndpointLabels: labels } } });
    expect(dns({})).toThrow(/networkPolicy.cilium.dnsEndpointLabels must have at least one label/);
    expect(dns(['x'])).toThrow(/networkPolicy.cilium.dnsEndpointLabels must be an object \(a map of strings\), got an array/);
    expect(dns({ 'k8s:bad key': 'x' })).toThrow(/networkPolicy.cilium.dnsEndpointLabels has an invalid key "k8s:bad key"/);
    expect(dns({ 'k8s:k8s-app': 'kube dns' })).toThrow(/networkPolicy.cilium.dnsEndpointLabels\["k8s:k8s-app"\] has an invalid value "kube dns"/);
    expect(bad({ networkPolicy: 'on' })).toThrow(/networkPolicy must be an object of options, got "on"/);
  });
});
