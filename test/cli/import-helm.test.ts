import { DatadogAgent } from '../../src';
import { parseValues } from '../../src/cli/helm-values';
import { importValues } from '../../src/cli/import-helm';

describe('importValues', () => {
  const values = parseValues(`
datadog:
  apiKey: secret-api-key
  site: datadoghq.eu
  clusterName: prod
  logLevel: warn
  logs: {enabled: true}
  clusterNam: typo
  kubernetesResourcesLabelsAsTags: {}
  kubeStateMetricsEnabled: false
  env:
    - {name: DD_X, value: 1}
agents:
  containers:
    agent: {resources: {requests: {cpu: 200m}}}
`, 'v.yaml');
  const r = importValues(values);

  test('every key set is in the report, classified', () => {
    expect(r.report.map(e => [e.key, e.status])).toEqual([
      ['agents.containers.agent.resources', 'mapped'],
      ['datadog.apiKey', 'mapped'],
      ['datadog.clusterName', 'mapped'],
      ['datadog.clusterNam', 'unknown'],
      ['datadog.env', 'mapped'],
      ['datadog.kubeStateMetricsEnabled', 'not-needed'],
      ['datadog.kubernetesResourcesLabelsAsTags', 'not-supported'],
      ['datadog.logLevel', 'mapped'],
      ['datadog.logs.enabled', 'mapped'],
      ['datadog.site', 'mapped'],
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(r.report.find(e => e.key === 'datadog.clusterNam')?.detail).toContain('did you mean datadog.clusterName?');
  });

  test('props that propsFromJson accepts, with their sources; secrets never copied', () => {
    expect(r.props).toEqual({
      site: 'EU1',
      clusterName: 'prod',
      logLevel: 'WARN',
      logs: { enabled: true },
      nodeAgent: { env: { DD_X: '1' }, resources: { cpuRequest: '200m' } },
      credentials: { fromSecret: 'datadog-secret' },
    });
    expect(JSON.stringify(r.props)).not.toContain('secret-api-key');
    expect(r.sources.site).toBe('datadog.site');
    expect(r.secrets).toEqual(['api-key: the value of datadog.apiKey (API key)']);
    expect(() => DatadogAgent.propsFromJson(r.props)).not.toThrow();
  });

  test('defaults that differ: reported, or kept with keepChartDefaults', () => {
    expect(r.defaults.map(d => [d.id, d.kept])).toEqual([
      ['control-plane-tolerations', false], ['cluster-agent-replicas', false], ['service-discovery-off', false], ['default-container-runtime', false],
    ]);
    const kept = importValues(values, { keepChartDefaults: true });
    expect(kept.props).toMatchObject({ tolerateControlPlane: false, clusterAgent: { replicas: 1 }, serviceDiscovery: { enabled: true } });
    expect(kept.sources.tolerateControlPlane).toBe('--keep-chart-defaults (control-plane-tolerations)');
  });

  test('providers.*: one platform each (Autopilot, AKS, Talos, EKS control-plane monitoring); COS and Flatcar not needed; GDC not supported', () => {
    const platformOf = (providers: object) => importValues({ providers }).props;
    expect(platformOf({ gke: { autopilot: true } })).toMatchObject({ platform: 'GKE_AUTOPILOT' });
    expect(platformOf({ aks: { enabled: true } })).toMatchObject({ platform: 'AKS' });
    expect(platformOf({ talos: { enabled: true } })).toMatchObject({ platform: 'TALOS' });
    expect(platformOf({ eks: { controlPlaneMonitoring: true, ec2: { useHostnameFromFile: true } } }))
      .toMatchObject({ platform: 'EKS', eks: { controlPlaneMonitoring: true, hostnameFromFile: true } });
    expect(platformOf({ talos: { enabled: false } })).not.toHaveProperty('platform');
    for (const p of [{ talos: { enabled: true } }, { eks: { controlPlaneMonitoring: true, ec2: { useHostnameFromFile: true } } }]) {
      expect(() => DatadogAgent.propsFromJson(platformOf(p))).not.toThrow();
    }
    const status = (providers: object) => importValues({ providers }).report.map(e => `${e.key} ${e.status}`);
    expect(platformOf({ gke: { cos: true } })).toMatchObject({ platform: 'GKE_COS' });
    expect(platformOf({ flatcar: { enabled: true } })).toMatchObject({ platform: 'FLATCAR' });
    // Autopilot nodes run COS: both keys are one platform.
    expect(platformOf({ gke: { cos: true, autopilot: true } })).toMatchObject({ platform: 'GKE_AUTOPILOT' });
    expect(status({ gke: { gdc: true } })).toEqual(['providers.gke.gdc not-supported']);
    expect(() => importValues({ providers: { gke: { cos: true }, flatcar: { enabled: true } } })).toThrow(/one platform per installation/);
    expect(() => importValues({ providers: { talos: { enabled: true }, aks: { enabled: true } } })).toThrow(/one platform per installation/);
  });

  test('helm check and Kubernetes actions map to their options', () => {
    const h = importValues({ datadog: { helmCheck: { enabled: true, collectEvents: true, valuesAsTags: { 'image.tag': 'chart_image_tag' } }, kubernetesActions: { enabled: true } } });
    expect(h.props).toMatchObject({
      helmCheck: { enabled: true, collectEvents: true, valuesAsTags: { 'image.tag': 'chart_image_tag' } },
      kubernetesActions: { enabled: true },
    });
    expect(() => DatadogAgent.propsFromJson(h.props)).not.toThrow();
  });

  test('workload autoscaling maps; cluster autoscaling is not supported', () => {
    const workload = { enabled: true, inPlaceVerticalScaling: { enabled: true } };
    const a = importValues({ datadog: { autoscaling: { workload, cluster: { enabled: true } } } });
    expect(a.props).toMatchObject({ autoscaling: { workload: { enabled: true, inPlaceVerticalScaling: true } } });
    expect(a.report.filter(e => e.key.startsWith('datadog.autoscaling.cluster')).map(e => e.status)).toEqual(['not-supported']);
    expect(() => DatadogAgent.propsFromJson(a.props)).not.toThrow();
  });

  test('GPU monitoring and Network Path map to their options', () => {
    const a = importValues({
      datadog: {
        gpuMonitoring: { enabled: true, privilegedMode: true, configureCgroupPerms: true, enableEbpfProbes: false, runtimeClassName: 'nvidia-cdi' },
        networkMonitoring: { enabled: true },
        traceroute: { enabled: true },
        networkPath: { connectionsMonitoring: { enabled: true }, collector: { workers: 8, pathtestTTL: '30m', pathtestInterval: '10m', pathtestContextsLimit: 5000, pathtestMaxPerMinute: 100 } },
      },
    });
    expect(a.props).toMatchObject({
      gpuMonitoring: { enabled: true, privilegedMode: true, configureCgroupPerms: true, runtimeClassName: 'nvidia-cdi' },
      networkPath: {
        enabled: true,
        connectionsMonitoring: true,
        collector: { workers: 8, pathtestTtl: '30m', pathtestInterval: '10m', pathtestContextsLimit: 5000, pathtestMaxPerMinute: 100 },
      },
    });
    // The chart's default (false) is not copied: the default here is the same.
    expect((a.props as any).gpuMonitoring).not.toHaveProperty('enableEbpfProbes');
    expect(a.report.filter(e => /gpuMonitoring|networkPath|traceroute/.test(e.key)).every(e => e.status === 'mapped')).toBe(true);
    expect(() => DatadogAgent.propsFromJson(a.props)).not.toThrow();
  });

  test('GPU and Network Path keys copied from the chart\'s values.yaml (feature off, defaults, nulls) set nothing', () => {
    const a = importValues({
      datadog: {
        gpuMonitoring: { enabled: false, privilegedMode: false, configureCgroupPerms: false, enableEbpfProbes: false, runtimeClassName: 'nvidia' },
        traceroute: { enabled: false },
        networkPath: {
          connectionsMonitoring: { enabled: false },
          collector: { workers: null, pathtestTTL: null, pathtestInterval: null, pathtestContextsLimit: null, pathtestMaxPerMinute: null },
        },
      },
    });
    expect(a.props).toMatchObject({ gpuMonitoring: { enabled: false }, networkPath: { enabled: false } });
    expect(Object.keys((a.props as any).gpuMonitoring)).toEqual(['enabled']);
    expect(Object.keys((a.props as any).networkPath)).toEqual(['enabled']);
    expect(() => DatadogAgent.propsFromJson(a.props)).not.toThrow();
  });

  test('a Network Path duration without a unit is refused: the agent would read nanoseconds', () => {
    expect(() => importValues({ datadog: { networkPath: { collector: { pathtestTTL: 30 } } } }))
      .toThrow(/datadog.networkPath.collector.pathtestTTL: 30 is read by the agent as a Go duration, so as 30 nanoseconds; write the unit \("30m" for minutes\)/);
  });

  test('admission controller remote and CWS instrumentation, and the WPA controller, map to their options', () => {
    const a = importValues({ clusterAgent: { metricsProvider: { enabled: true, wpaController: true }, admissionController: { remoteInstrumentation: { enabled: true }, cwsInstrumentation: { enabled: true, mode: 'init_container' } } } });
    expect(a.props).toMatchObject({
      clusterAgent: {
        externalMetrics: { enabled: true, wpaController: true },
        admissionController: { remoteInstrumentation: true, cwsInstrumentation: { enabled: true, mode: 'INIT_CONTAINER' } },
      },
    });
    expect(() => DatadogAgent.propsFromJson(a.props)).not.toThrow();
  });

  test('network policies: any create switch turns them on; flavor and the Cilium DNS selector map', () => {
    const dnsSelector = { toEndpoints: [{ matchLabels: { 'k8s:k8s-app': 'coredns' } }] };
    const a = importValues({ datadog: { networkPolicy: { create: false, flavor: 'cilium', cilium: { dnsSelector } } }, clusterAgent: { networkPolicy: { create: true } } });
    expect(a.props).toMatchObject({ networkPolicy: { create: true, flavor: 'CILIUM', cilium: { dnsEndpointLabels: { 'k8s:k8s-app': 'coredns' } } } });
    expect(a.report.find(e => e.key === 'clusterAgent.networkPolicy.create')!.detail).toMatch(/for every component deployed, not only the Cluster Agent/);
    expect(() => DatadogAgent.propsFromJson(a.props)).not.toThrow();
    // Off: the flavor and the selector have nothing to configure.
    const off = importValues({ datadog: { networkPolicy: { flavor: 'cilium', cilium: { dnsSelector } } } });
    expect(off.props.networkPolicy).toBeUndefined();
    expect(off.report.filter(e => e.key.startsWith('datadog.networkPolicy')).map(e => e.status)).toEqual(['mapped', 'mapped']);
    // The Kubernetes flavor has no DNS selector.
    const k = importValues({ datadog: { networkPolicy: { create: true, cilium: { dnsSelector } } } });
    expect(k.props.networkPolicy).toEqual({ create: true });
    expect(() => importValues({ datadog: { networkPolicy: { create: true, flavor: 'calico' } } })).toThrow('datadog.networkPolicy.flavor: must be kubernetes or cilium, got "calico"');
    expect(() => importValues({ datadog: { networkPolicy: { create: true, flavor: 'cilium', cilium: { dnsSelector: { toEntities: ['cluster'] } } } } }))
      .toThrow(/datadog\.networkPolicy\.cilium\.dnsSelector: only a selector of the form/);
  });

  test('a key of the wrong type is an error naming it', () => {
    expect(() => importValues({ datadog: { logs: { enabled: 'yes' } } })).toThrow('datadog.logs.enabled: must be true or false, got string "yes"');
    expect(() => importValues({ datadog: { logLevel: 'loud' } })).toThrow(/datadog\.logLevel: must be one of/);
    expect(() => importValues({ datadog: { apiKeyExistingSecret: 'a', appKeyExistingSecret: 'b' } })).toThrow(/one Secret/);
  });

  test('a Cluster Agent PDB imports as 2 replicas (a PDB comes with 2 or more here); runners always have one', () => {
    const imp = (y: string) => importValues(parseValues(y, 'v.yaml'), { keepChartDefaults: true });
    for (const key of ['pdb: {create: true}', 'createPodDisruptionBudget: true']) {
      const res = imp(`clusterAgent:\n  ${key}\n`);
      expect((res.props as any).clusterAgent.replicas).toBe(2);
      expect(res.report[0].status).toBe('mapped');
    }
    expect((imp('clusterAgent:\n  replicas: 3\n  pdb: {create: true}\n').props as any).clusterAgent.replicas).toBe(3);
    expect((imp('clusterAgent:\n  pdb: {create: false}\n').props as any).clusterAgent.replicas).toBe(1);
    expect(imp('clusterChecksRunner:\n  createPodDisruptionBudget: true\n').report[0].status).toBe('not-needed');
  });

  test('the legacy datadog.apm.enabled opens the hostPort as the chart does (portEnabled or enabled)', () => {
    const apm = (y: string) => (importValues(parseValues(y, 'v.yaml')).props as any).apm;
    expect(apm('datadog:\n  apm: {enabled: true}\n')).toEqual({ enabled: true, useHostPort: true });
    expect(apm('datadog:\n  apm: {enabled: true, portEnabled: false}\n')).toEqual({ enabled: true, useHostPort: true });
    expect(apm('datadog:\n  apm: {portEnabled: false, enabled: true}\n')).toEqual({ enabled: true, useHostPort: true });
    expect(apm('datadog:\n  apm: {enabled: false, portEnabled: true}\n')).toEqual({ enabled: false, useHostPort: true });
    expect(apm('datadog:\n  apm: {socketEnabled: true}\n')).toEqual({ socketEnabled: true });
  });
});
