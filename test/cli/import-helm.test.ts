import * as fs from 'fs';
import * as path from 'path';
import { DatadogAgent, DatadogSite } from '../../src';
import { parseValues } from '../../src/cli/helm-values';
import type { Values } from '../../src/cli/helm-values';
import type { Ctx, Rule } from '../../src/cli/import-helm';
import { RULES, constantChoices, convert, enumChoices, importValues, oneOf } from '../../src/cli/import-helm';
import { TagCardinality } from '../../src/features/dogstatsd';
import { NetworkPolicyFlavor } from '../../src/features/network-policy';
import { typeSchema } from '../../src/input/schema';
import { synth, testChart } from '../support/helpers';

describe('importValues', () => {
  const values = parseValues(`
datadog:
  apiKey: secret-api-key
  site: datadoghq.eu
  clusterName: prod
  logLevel: warn
  logs: {enabled: true}
  clusterNam: typo
  autoscaling: {cluster: {enabled: true}}
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
      ['datadog.autoscaling.cluster', 'not-supported'],
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

  test('providers.*: one platform each (Autopilot, AKS, Talos, EKS control-plane monitoring, COS, Flatcar, GDC)', () => {
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
    expect(platformOf({ gke: { cos: true } })).toMatchObject({ platform: 'GKE_COS' });
    expect(platformOf({ flatcar: { enabled: true } })).toMatchObject({ platform: 'FLATCAR' });
    // Autopilot nodes run COS: both keys are one platform.
    expect(platformOf({ gke: { cos: true, autopilot: true } })).toMatchObject({ platform: 'GKE_AUTOPILOT' });
    expect(platformOf({ gke: { gdc: true } })).toMatchObject({ platform: 'GKE_GDC' });
    expect(() => importValues({ providers: { gke: { gdc: true, autopilot: true } } })).toThrow(/one platform per installation/);
    expect(() => importValues({ providers: { gke: { cos: true }, flatcar: { enabled: true } } })).toThrow(/one platform per installation/);
    expect(() => importValues({ providers: { talos: { enabled: true }, aks: { enabled: true } } })).toThrow(/one platform per installation/);
  });

  test('GKE GDC: keys at values GDC ignores need nothing; what it cannot run maps and is refused at synthesis', () => {
    const gdc = (datadog: object) => ({ providers: { gke: { gdc: true } }, datadog: { clusterName: 'edge-1', ...datadog } });
    const imported = importValues(gdc({
      apm: { socketEnabled: true, portEnabled: false, useSocketVolume: true, enabled: false },
      dogstatsd: { useSocketVolume: true },
      processAgent: { containerCollection: true, processDiscovery: true },
      remoteConfiguration: { enabled: true },
    }));
    expect(imported.report.filter(e => e.key !== 'providers.gke.gdc' && e.key !== 'datadog.clusterName').map(e => `${e.key} ${e.status}`).sort()).toEqual([
      'datadog.apm.enabled not-needed', 'datadog.apm.portEnabled not-needed', 'datadog.apm.socketEnabled not-needed', 'datadog.apm.useSocketVolume not-needed',
      'datadog.dogstatsd.useSocketVolume not-needed', 'datadog.processAgent.containerCollection not-needed', 'datadog.processAgent.processDiscovery not-needed',
      'datadog.remoteConfiguration.enabled not-needed',
    ]);
    expect(imported.report.find(e => e.key === 'datadog.apm.socketEnabled')?.detail).toBe('on GKE Autopilot or GKE GDC the chart renders no APM socket, nor does the library');
    expect(imported.props).toEqual({ platform: 'GKE_GDC', clusterName: 'edge-1', credentials: { fromSecret: 'datadog-secret' } });
    expect(() => DatadogAgent.propsFromJson(imported.props)).not.toThrow();
    // The same keys elsewhere map as usual; a host port for APM asks for the trace-agent, which GDC refuses.
    expect(importValues({ datadog: { processAgent: { processDiscovery: true } } }).props).toMatchObject({ processes: { processDiscovery: true } });
    expect(importValues(gdc({ apm: { portEnabled: true } })).props).toMatchObject({ apm: { enabled: true, useHostPort: true } });
    expect(importValues(gdc({ processAgent: { processCollection: true } })).props).toMatchObject({ processes: { processCollection: true } });
  });

  test('fullnameOverride: kept when the objects keep their names; else an error, not a silent rename', () => {
    expect(importValues({ fullnameOverride: 'prod-datadog' }).props).toMatchObject({ name: 'prod-datadog' });
    expect(() => importValues({ fullnameOverride: 'my-gw' }))
      .toThrow(/fullnameOverride: objects named "my-gw" cannot be kept: .* gets "-datadog" \("my-gw-datadog"\)/);
  });

  test('agents.image.tagSuffix: appended to the agent tag; "full" with DDOT is not needed (the collector runs its own image); Windows variant', () => {
    expect(importValues({ agents: { image: { tagSuffix: 'jmx' } } }).props).toMatchObject({ images: { agentTag: '7.81.1-jmx' } });
    expect(importValues({ agents: { image: { tag: '7.80.0', tagSuffix: 'jmx' } } }).props).toMatchObject({ images: { agentTag: '7.80.0-jmx' } });
    const ddot = importValues({ agents: { image: { tagSuffix: 'full' } }, datadog: { otelCollector: { enabled: true } } });
    expect(ddot.report.find(e => e.key === 'agents.image.tagSuffix')).toMatchObject({ status: 'not-needed', detail: expect.stringMatching(/the DDOT collector runs its own image/) });
    expect(ddot.props).not.toHaveProperty('images');
    expect(importValues({ targetSystem: 'windows', agents: { image: { tagSuffix: 'servercore' } } }).props)
      .toMatchObject({ windowsNodes: { enabled: true, imageTagSuffix: 'servercore' } });
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
    expect(apm('datadog:\n  apm: {enabled: false, portEnabled: true}\n')).toEqual({ useHostPort: true });
    expect(apm('datadog:\n  apm: {socketEnabled: true}\n')).toEqual({ socketEnabled: true });
  });

  test('datadog.apm.enabled: false turns APM off only when the chart runs no trace-agent either (socketEnabled defaults to true)', () => {
    const imp = (y: string) => importValues(parseValues(y, 'v.yaml'));
    const on = imp('datadog:\n  apm: {enabled: false}\n');
    expect((on.props as any).apm).toBeUndefined();
    expect(on.report[0]).toEqual({ key: 'datadog.apm.enabled', status: 'mapped', detail: expect.stringContaining('still runs the trace-agent') });
    expect((imp('datadog:\n  apm: {enabled: false, socketEnabled: false}\n').props as any).apm).toEqual({ enabled: false, socketEnabled: false });
  });

  test('options implemented since the first importer: resource metadata as tags, raw config files, the PriorityClass, envDict', () => {
    const x = importValues(parseValues(`
datadog:
  kubernetesResourcesLabelsAsTags: {deployments.apps: {team: team}}
  kubernetesResourcesAnnotationsAsTags: {nodes: {zone: zone}}
  envDict: {DD_A: 1, DD_NODE: {valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}}
agents:
  useConfigMap: true
  customAgentConfig: {inventories_checks_configuration_enabled: true}
  priorityClassCreate: true
  priorityClassValue: 1000
  priorityPreemptionPolicyValue: Never
clusterAgent:
  datadog_cluster_yaml: {cluster_checks: {extra_tags: [a]}}
  envDict: {DD_B: x}
  metricsProvider: {enabled: true, service: {port: 4443}}
`, 'v.yaml'));
    expect(x.report.filter(e => e.status !== 'mapped')).toEqual([]);
    expect(x.props).toMatchObject({
      kubernetesResourcesLabelsAsTags: { 'deployments.apps': { team: 'team' } },
      kubernetesResourcesAnnotationsAsTags: { nodes: { zone: 'zone' } },
      nodeAgent: { env: { DD_A: '1' }, envValueFrom: { DD_NODE: { fromField: 'spec.nodeName' } } },
      rawConfig: { nodeAgent: { inventories_checks_configuration_enabled: true }, clusterAgent: { cluster_checks: { extra_tags: ['a'] } } },
      priorityClass: { create: true, value: 1000, preemptLowerPriority: false },
      clusterAgent: { env: { DD_B: 'x' }, externalMetrics: { enabled: true, port: 4443 } },
    });
    expect(() => DatadogAgent.propsFromJson(x.props)).not.toThrow();
    expect(() => importValues(parseValues('agents:\n  priorityPreemptionPolicyValue: Sometimes\n', 'v.yaml'))).toThrow(/agents.priorityPreemptionPolicyValue: must be PreemptLowerPriority or Never/);
    const noMap = importValues(parseValues('agents:\n  customAgentConfig: {a: 1}\n', 'v.yaml'));
    expect(noMap.props.rawConfig).toBeUndefined();
    expect(noMap.report[0].detail).toContain('only with agents.useConfigMap: true');
  });

  test('SBOM, APM instrumentation, admission controller settings, image pull Secrets, OS release paths', () => {
    const x = importValues(parseValues(`
datadog:
  disableDefaultOsReleasePaths: true
  sbom: {containerImage: {enabled: true, containerExclude: "image:a image:b", analyzers: [os]}, host: {enabled: true}}
  apm: {instrumentation: {enabled: true, enabledNamespaces: [apps], libVersions: {java: v1}}}
agents:
  image: {pullSecrets: [{name: reg}], digest: "sha256:1"}
clusterAgent:
  image: {pullSecrets: [{name: reg2}]}
  admissionController: {enabled: true, configMode: hostip, failurePolicy: Fail, port: 8000}
clusterChecksRunner:
  image: {digest: "sha256:1"}
`, 'v.yaml'));
    expect(x.props).toMatchObject({
      systemProbe: { enableDefaultOsReleasePaths: false },
      sbom: { containerImage: { enabled: true, containerExclude: ['image:a', 'image:b'], analyzers: ['os'] }, host: { enabled: true } },
      apm: { instrumentation: { enabled: true, enabledNamespaces: ['apps'], libVersions: { java: 'v1' } } },
      images: { pullSecrets: ['reg', 'reg2'], agentDigest: 'sha256:1' },
      clusterAgent: { admissionController: { enabled: true, configMode: 'hostip', failurePolicy: 'Fail', port: 8000 } },
    });
    expect(x.report.find(e => e.key === 'clusterChecksRunner.image.digest')?.status).toBe('not-needed');
    expect(() => DatadogAgent.propsFromJson(x.props)).not.toThrow();
    const other = importValues(parseValues('clusterChecksRunner:\n  image: {tag: "7.1.0"}\n', 'v.yaml'));
    expect(other.report[0]).toMatchObject({ status: 'not-supported', detail: expect.stringContaining('node agents\' image') });
  });

  test('language detection, OpenShift SCCs, and service discovery kept only where the chart turns it on (agent 7.78+)', () => {
    const x = importValues(parseValues('datadog:\n  apm: {instrumentation: {enabled: true, language_detection: {enabled: false}}}\nagents:\n  podSecurity: {securityContextConstraints: {create: true}}\n', 'v.yaml'));
    expect(x.props).toMatchObject({ apm: { instrumentation: { enabled: true, languageDetection: false } }, platform: 'OPENSHIFT' });
    const discovery = (tag: string | undefined) => importValues(parseValues(tag ? `agents:\n  image: {tag: "${tag}"}\n` : 'datadog: {}\n', 'v.yaml'), { keepChartDefaults: true }).props.serviceDiscovery;
    expect(discovery(undefined)).toEqual({ enabled: true });
    expect(discovery('7.78.0')).toEqual({ enabled: true });
    expect(discovery('7.81.1-jmx')).toEqual({ enabled: true });
    expect(discovery('latest')).toEqual({ enabled: true });
    expect(discovery('7.60.0')).toBeUndefined();
    expect(importValues(parseValues('agents:\n  image: {tag: "7.60.0"}\n', 'v.yaml')).defaults.map(d => d.id)).not.toContain('service-discovery-off');
  });

  test('unbundled events keep the chart\'s default event types, which the chart writes into the check', () => {
    const ev = (y: string) => (importValues(parseValues(y, 'v.yaml')).props as any).eventCollection;
    expect(ev('datadog:\n  kubernetesEvents: {unbundleEvents: true}\n').collectedEventTypes[0]).toEqual({ kind: 'Pod', reasons: ['Failed', 'BackOff', 'Unhealthy', 'FailedScheduling', 'FailedMount', 'FailedAttachVolume'] });
    expect(ev('datadog:\n  kubernetesEvents: {unbundleEvents: true, collectedEventTypes: [{kind: Pod}]}\n').collectedEventTypes).toEqual([{ kind: 'Pod' }]);
    expect(ev('datadog:\n  kubernetesEvents: {unbundleEvents: false}\n')).toEqual({ unbundleEvents: false });
  });

  test('prometheusScrape.additionalConfigs: the agent\'s snake_case to the typed options', () => {
    const x = importValues(parseValues(`
datadog:
  prometheusScrape:
    enabled: true
    additionalConfigs:
      - autodiscovery:
          kubernetes_annotations: {include: {scrape: "true"}, exclude: {skip: "true"}}
          kubernetes_container_names: [app]
        configurations:
          - {send_distribution_buckets: true, timeout: 5, tls_ca_cert: /ca.pem}
`, 'v.yaml'));
    expect((x.props as any).prometheusScrape.additionalConfigs).toEqual([{
      autodiscovery: { includeAnnotations: { scrape: 'true' }, excludeAnnotations: { skip: 'true' }, containerNames: ['app'] },
      configurations: [{ sendDistributionBuckets: true, timeout: 5, tlsCaCert: '/ca.pem' }],
    }]);
    expect(() => DatadogAgent.propsFromJson(x.props)).not.toThrow();
    expect(() => importValues(parseValues('datadog:\n  prometheusScrape: {additionalConfigs: [{autodiscover: {}}]}\n', 'v.yaml'))).toThrow(/additionalConfigs\[0\].autodiscover: not a key/);
  });

  test('conf.d files to integrations, checks.d to custom checks; chart keys mapped to the env the chart sets', () => {
    const x = importValues(parseValues(`
datadog:
  expvarPort: 6001
  clusterTagger: {collectKubernetesTags: true}
  secretAnnotations: {a: b}
  confd:
    redisdb.yaml: |-
      ad_identifiers: [redis]
      init_config:
      instances: [{host: "%%host%%", port: "6379"}]
  checksd:
    svc.py: "from checks import AgentCheck"
    empty.py: ""
clusterAgent:
  confd:
    http_check.yaml: "instances: [{name: a, url: http://a}]"
clusterChecksRunner:
  rbac: {dedicated: true}
agents:
  podSecurity: {podSecurityPolicy: {create: true}}
`, 'v.yaml'));
    expect(x.props).toMatchObject({
      integrations: [
        { name: 'redisdb', adIdentifiers: ['redis'], instances: [{ host: '%%host%%', port: '6379' }] },
        { name: 'http_check', instances: [{ name: 'a', url: 'http://a' }], clusterCheck: true },
      ],
      customChecks: [{ name: 'svc', source: 'from checks import AgentCheck' }],
      nodeAgent: { containers: { agent: { env: { DD_EXPVAR_PORT: '6001' } } } },
      clusterAgent: { env: { DD_CLUSTER_AGENT_COLLECT_KUBERNETES_TAGS: 'true' } },
    });
    expect(x.report.find(e => e.key === 'datadog.checksd')?.detail).toContain('left out: empty.py');
    expect(x.report.filter(e => e.status === 'not-needed').map(e => e.key)).toEqual(['agents.podSecurity.podSecurityPolicy.create', 'clusterChecksRunner.rbac.dedicated', 'datadog.secretAnnotations']);
    expect(() => DatadogAgent.propsFromJson(x.props)).not.toThrow();
    expect(() => importValues(parseValues('datadog:\n  confd: {"a.yaml": "service: x"}\n', 'v.yaml'))).toThrow(/datadog.confd.a.yaml: service is not a check setting/);
  });

  test('extra volumes and their mounts, for the node agents and the Cluster Agent', () => {
    const x = importValues(parseValues(`
agents:
  volumes:
    - {name: certs, hostPath: {path: /etc/certs, type: Directory}}
    - {name: conf, configMap: {name: my-conf, items: [{key: a, path: a.yaml}]}}
    - {name: creds, secret: {secretName: my-secret, defaultMode: 256}}
    - {name: scratch, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
  volumeMounts:
    - {name: certs, mountPath: /certs, readOnly: true}
    - {name: conf, mountPath: /etc/x, subPath: a.yaml}
    - {name: creds, mountPath: /creds}
    - {name: scratch, mountPath: /scratch}
clusterAgent:
  volumes: [{name: tmp, emptyDir: {}}]
  volumeMounts: [{name: tmp, mountPath: /tmp/x}]
`, 'v.yaml'));
    expect((x.props as any).nodeAgent.volumes).toEqual([
      { hostPath: ['certs', '/etc/certs', 'Directory'] },
      { configMap: ['conf', 'my-conf', { items: [{ key: 'a', path: 'a.yaml' }] }] },
      { secret: ['creds', 'my-secret', { defaultMode: 256 }] },
      { emptyDir: ['scratch', { memory: true, sizeLimit: '64Mi' }] },
    ]);
    // Read-write unless readOnly, as Kubernetes mounts it (ExtraVolumeMount's own default is read-only).
    expect((x.props as any).nodeAgent.volumeMounts[1]).toEqual({ volume: 'conf', mountPath: '/etc/x', subPath: 'a.yaml', readOnly: false });
    expect(x.report.every(e => e.status === 'mapped')).toBe(true);
    const chart = testChart('datadog');
    new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson(x.props));
    const ds = synth(chart).find((o: any) => o.kind === 'DaemonSet');
    expect(ds.spec.template.spec.volumes).toContainEqual({ name: 'certs', hostPath: { path: '/etc/certs', type: 'Directory' } });
    expect(ds.spec.template.spec.containers.find((ct: any) => ct.name === 'agent').volumeMounts).toContainEqual({ name: 'certs', mountPath: '/certs', readOnly: true });
    expect(() => importValues(parseValues('agents:\n  volumes: [{name: n, nfs: {server: a, path: /}}]\n', 'v.yaml'))).toThrow(/agents.volumes\[0\]: nfs volumes are not supported \(hostPath, configMap, secret, emptyDir are\)/);
  });

  test('the secrets backend; its global Secret access is not supported (not needed without a command)', () => {
    const y = 'datadog:\n  secretBackend:\n    command: /readsecret_multiple_providers.sh\n    timeout: 10\n    refreshInterval: 300\n    enableGlobalPermissions: true\n';
    const global = importValues(parseValues(y, 'v.yaml'));
    expect(global.props.secretBackend).toEqual({ enabled: true, command: '/readsecret_multiple_providers.sh', timeoutSeconds: 10, refreshIntervalSeconds: 300 });
    expect(global.report.find(e => e.key === 'datadog.secretBackend.enableGlobalPermissions')?.status).toBe('not-supported');
    const roles = importValues(parseValues(`${y}    roles: [{namespace: apps, secrets: [db, api]}]\n`, 'v.yaml'));
    expect((roles.props as any).secretBackend.readableSecrets).toEqual([{ namespace: 'apps', names: ['db', 'api'] }]);
    expect(roles.report.find(e => e.key === 'datadog.secretBackend.enableGlobalPermissions')?.status).toBe('not-supported');
    expect(importValues(parseValues('datadog:\n  secretBackend: {enableGlobalPermissions: true}\n', 'v.yaml')).report[0].status).toBe('not-needed');
    expect(() => DatadogAgent.propsFromJson(roles.props)).not.toThrow();
  });

  test('pod annotations resolve {{ .Values.x }} as the chart\'s tpl does; other templates are refused', () => {
    const a = importValues(parseValues('datadog:\n  clusterName: prod\nclusterAgent:\n  podAnnotations: {a: "{{.Values.datadog.clusterName}}-x", b: plain}\n', 'v.yaml'));
    expect((a.props as any).clusterAgent.podAnnotations).toEqual({ a: 'prod-x', b: 'plain' });
    expect(() => importValues(parseValues('agents:\n  podAnnotations: {a: "{{ include \\"x\\" . }}"}\n', 'v.yaml'))).toThrow(/agents.podAnnotations.a: the template .* is not a plain reference/);
  });

  test('settings of a container the chart does not run for the values are not needed', () => {
    const y = 'agents:\n  containers:\n    processAgent: {env: [{name: A, value: b}]}\n    securityAgent: {logLevel: debug}\n';
    const off = importValues(parseValues(y, 'v.yaml'));
    expect(off.report.map(e => e.status)).toEqual(['not-needed', 'not-needed']);
    expect(off.props.nodeAgent).toBeUndefined();
    const on = importValues(parseValues(`datadog:\n  networkMonitoring: {enabled: true}\n  securityAgent: {runtime: {enabled: true}}\n${y}`, 'v.yaml'));
    expect((on.props as any).nodeAgent.containers).toEqual({ processAgent: { env: { A: 'b' } }, securityAgent: { logLevel: 'DEBUG' } });
  });
});

describe('node agent lifecycle keys', () => {
  const imp = (y: string) => importValues(parseValues(y, 'v.yaml'));
  const detail = (r: ReturnType<typeof imp>, key: string) => r.report.find(e => e.key === key);

  test('agents.lifecycle to nodeAgent.lifecycle, as a whole; empty or null sets nothing', () => {
    const r = imp('agents:\n  lifecycle:\n    preStop: {exec: {command: [/bin/sh, -c, sleep 70]}}\n    postStart: {httpGet: {path: /x, port: 5555}}\n');
    expect((r.props as any).nodeAgent.lifecycle).toEqual({ preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 70'] } }, postStart: { httpGet: { path: '/x', port: 5555 } } });
    expect(r.report.filter(e => e.key.startsWith('agents.lifecycle'))).toEqual([{ key: 'agents.lifecycle', status: 'mapped', detail: 'nodeAgent.lifecycle' }]);
    expect(() => DatadogAgent.propsFromJson(r.props)).not.toThrow();
    for (const y of ['agents:\n  lifecycle: {}\n', 'agents:\n  lifecycle: null\n']) {
      expect(imp(y).props.nodeAgent).toBeUndefined();
      expect(detail(imp(y), 'agents.lifecycle')?.status).toBe('mapped');
    }
  });

  test('agents.terminationGracePeriodSeconds to the node agent and, as in the chart, the Cluster Agent; 0 and null set nothing', () => {
    const r = imp('agents:\n  terminationGracePeriodSeconds: 90\n');
    expect(r.props).toMatchObject({ nodeAgent: { terminationGracePeriodSeconds: 90 }, clusterAgent: { terminationGracePeriodSeconds: 90 } });
    expect(detail(r, 'agents.terminationGracePeriodSeconds')?.detail).toMatch(/^nodeAgent.terminationGracePeriodSeconds, clusterAgent.terminationGracePeriodSeconds/);
    const noDca = imp('clusterAgent:\n  enabled: false\nagents:\n  terminationGracePeriodSeconds: 90\n');
    expect((noDca.props as any).clusterAgent.terminationGracePeriodSeconds).toBeUndefined();
    expect((noDca.props as any).nodeAgent.terminationGracePeriodSeconds).toBe(90);
    expect(() => DatadogAgent.propsFromJson(noDca.props)).not.toThrow();
    const zero = imp('agents:\n  terminationGracePeriodSeconds: 0\n');
    expect(zero.props.nodeAgent).toBeUndefined();
    expect(detail(zero, 'agents.terminationGracePeriodSeconds')?.detail).toMatch(/the chart renders no grace period for 0/);
    expect(imp('agents:\n  terminationGracePeriodSeconds: null\n').props.nodeAgent).toBeUndefined();
    expect(() => imp('agents:\n  terminationGracePeriodSeconds: soon\n')).toThrow(/agents.terminationGracePeriodSeconds: must be a number, got string "soon"/);
  });

  test('agents.containers.agent.command to nodeAgent.containers.agent.command; [] is the chart\'s `agent run`', () => {
    const r = imp('agents:\n  containers:\n    agent:\n      command: [/bin/sh, -c, exec agent run]\n');
    expect((r.props as any).nodeAgent.containers.agent.command).toEqual(['/bin/sh', '-c', 'exec agent run']);
    expect(detail(r, 'agents.containers.agent.command')).toEqual({ key: 'agents.containers.agent.command', status: 'mapped', detail: 'nodeAgent.containers.agent.command' });
    expect(imp('agents:\n  containers:\n    agent:\n      command: []\n').props.nodeAgent).toBeUndefined();
    expect(() => imp('agents:\n  containers:\n    agent:\n      command: [agent, {run: 1}]\n')).toThrow(/agents.containers.agent.command\[1\]: must be a string, got a map/);
  });
});

test('clusterAgent.advancedConfd: each file to a cluster check integration of its <check>.d, which merge into one file', () => {
  const y = [
    'clusterAgent:',
    '  confd:',
    '    redisdb.yaml: "cluster_check: true\\ninstances: [{host: redis}]"',
    '  advancedConfd:',
    '    orchestrator.d:',
    '      1.yaml: "cluster_check: true\\ninit_config:\\ninstances: [{collectors: [nodes]}]"',
    '      2.yaml: "instances: [{collectors: [deployments]}]"',
    '',
  ].join('\n');
  const r = importValues(parseValues(y, 'v.yaml'));
  expect((r.props as any).integrations).toEqual([
    { name: 'redisdb', clusterCheck: true, instances: [{ host: 'redis' }] },
    { name: 'orchestrator', clusterCheck: true, instances: [{ collectors: ['nodes'] }] },
    { name: 'orchestrator', clusterCheck: true, instances: [{ collectors: ['deployments'] }] },
  ]);
  expect(r.report.find(e => e.key === 'clusterAgent.advancedConfd')).toMatchObject({ status: 'mapped', detail: expect.stringMatching(/difference cluster-agent-advanced-confd/) });
  const chart = testChart();
  new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson(r.props));
  const confd = synth(chart).find(o => o.kind === 'ConfigMap' && o.metadata.name === 'datadog-cluster-agent-confd');
  expect(parseValues(confd.data['orchestrator.yaml'], 'orchestrator.yaml')).toMatchObject({ cluster_check: true, instances: [{ collectors: ['nodes'] }, { collectors: ['deployments'] }] });
  expect(() => importValues(parseValues('clusterAgent:\n  advancedConfd:\n    orchestrator:\n      1.yaml: "instances: [{}]"\n', 'v.yaml')))
    .toThrow(/clusterAgent.advancedConfd.orchestrator: a conf.d directory name ends with .d/);
  expect(() => importValues(parseValues('clusterAgent:\n  advancedConfd:\n    orchestrator.d:\n      1.yaml: "foo: 1"\n', 'v.yaml')))
    .toThrow(/clusterAgent.advancedConfd.orchestrator.d.1.yaml: foo is not a check setting the importer knows/);
});

test('one rule per chart key (a second rule for a key would never be reached)', () => {
  const keys = RULES.map(r => r.key);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
});

test('docs/migrating-from-helm.md lists exactly the chart keys the importer reports as not supported', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'migrating-from-helm.md'), 'utf8');
  const section = doc.slice(doc.indexOf('The importer has a rule for each of these chart keys'), doc.indexOf('A chart key with no rule at all'));
  const listed = [...section.matchAll(/^- `([^`]+)`(?: \/ `([^`]+)`)?/gm)].flatMap(m => [m[1], m[2]].filter((k): k is string => k !== undefined)).sort();
  expect(listed).toEqual(RULES.filter(r => r.status === 'not-supported').map(r => r.key).sort());
});

test('the APM socket keys set nothing on GKE Autopilot, where neither the chart nor the library renders the socket', () => {
  const r = importValues(parseValues('providers:\n  gke:\n    autopilot: true\ndatadog:\n  apm:\n    socketEnabled: true\n', 'v.yaml'));
  expect((r.props as any).apm).toBeUndefined();
  expect(r.report.find(e => e.key === 'datadog.apm.socketEnabled')).toMatchObject({ status: 'not-needed', detail: 'on GKE Autopilot or GKE GDC the chart renders no APM socket, nor does the library' });
  expect((importValues(parseValues('datadog:\n  apm:\n    socketEnabled: false\n', 'v.yaml')).props as any).apm).toEqual({ socketEnabled: false });
});

describe('rule helpers', () => {
  /** Applies one rule to a value: the options it set and what the report says. */
  const apply = (rule: Rule, v: unknown, values: Values = {}) => {
    const set: Values = {};
    const ctx: Ctx = { values, props: () => set, set: (o, x) => { set[o] = x; }, secret: () => undefined };
    const detail = typeof rule.to === 'function' ? rule.to(v, ctx, rule.key) : undefined;
    return { set, detail };
  };

  test('convert: the chart value through a function to one option, which the report names', () => {
    expect(apply(convert('a.b', 'x.y', (v, k) => `${k}=${v}`), 1)).toEqual({ set: { 'x.y': 'a.b=1' }, detail: undefined });
  });

  test('oneOf: each choice to its value (undefined: nothing set), notes for the report, anything else refused naming the choices', () => {
    const two = oneOf('a', 'x', { linux: undefined, windows: true }, { notes: { linux: 'the default' } });
    expect(apply(two, 'linux')).toEqual({ set: {}, detail: 'the default' });
    expect(apply(two, 'windows')).toEqual({ set: { x: true }, detail: undefined });
    expect(() => apply(two, 'Windows')).toThrow('a: must be linux or windows, got "Windows"');
    expect(() => apply(two, 'constructor')).toThrow('a: must be linux or windows, got "constructor"');
    expect(() => apply(two, null)).toThrow('a: must be a string, got null');
    const three = oneOf('a', 'x', { p: 1, q: 2, r: 3 });
    expect(() => apply(three, 7)).toThrow('a: must be one of p, q, r, got 7');
    expect(apply(three, 'q').set).toEqual({ x: 2 });
  });

  test('oneOf: `other` maps values beyond the choices; `unless` says why nothing is set, once the value is known to be good', () => {
    const open = oneOf('a', 'x', { p: 'P' }, { other: v => ({ custom: v }) });
    expect(apply(open, 'p').set).toEqual({ x: 'P' });
    expect(apply(open, 'z').set).toEqual({ x: { custom: 'z' } });
    const gated = oneOf('a', 'x', { p: 'P', q: 'Q' }, { unless: c => (c.values.on ? undefined : 'off') });
    expect(apply(gated, 'p')).toEqual({ set: {}, detail: 'off' });
    expect(apply(gated, 'p', { on: true }).set).toEqual({ x: 'P' });
    expect(() => apply(gated, 'z')).toThrow('must be p or q');
  });

  test('a switch with one setting here: that one is not needed, the other refused saying why', () => {
    expect(importValues({ agents: { enabled: true } }).report).toEqual([{ key: 'agents.enabled', status: 'not-needed', detail: 'node agents are always deployed' }]);
    expect(() => importValues({ agents: { enabled: 'false' } })).toThrow('agents.enabled: false (no node agents) is not supported');
    expect(() => importValues({ datadog: { kubeStateMetricsEnabled: true } })).toThrow(/kubeStateMetricsEnabled: true deploys the legacy kube-state-metrics subchart/);
  });

  test('the existing Secret of the app key or the token: the API key\'s, read under its own key', () => {
    const r = importValues({ datadog: { apiKeyExistingSecret: 's', appKeyExistingSecret: 's' }, clusterAgent: { tokenExistingSecret: 's' } });
    expect(r.props.credentials).toEqual({ fromSecret: 's' });
    expect(r.secrets).toEqual(['api-key in your existing Secret s', 'app-key in Secret s', 'token in Secret s']);
    expect(r.report.find(e => e.key === 'clusterAgent.tokenExistingSecret')?.detail).toBe('credentials (token key of the same Secret)');
    expect(() => importValues({ datadog: { apiKeyExistingSecret: 's', appKeyExistingSecret: 't' } })).toThrow(/"t" is not the Secret of datadog.apiKeyExistingSecret/);
  });

  test('choices from the library: an enum by its values, an enum-like class by its constants, in their order', () => {
    expect(enumChoices(TagCardinality)).toEqual({ low: 'LOW', orchestrator: 'ORCHESTRATOR', high: 'HIGH' });
    expect(constantChoices<NetworkPolicyFlavor>(NetworkPolicyFlavor, f => f.name)).toEqual({ kubernetes: 'KUBERNETES', cilium: 'CILIUM' });
    expect(Object.keys(constantChoices<NetworkPolicyFlavor>(NetworkPolicyFlavor, f => f.name))).toEqual(['kubernetes', 'cilium']);
  });

  test('lists that come from the option schema: the metadata-as-tags maps, the node agent\'s containers and their resources', () => {
    const fields = (fqn: string) => Object.keys(typeSchema(fqn).fields!);
    const asTags = fields('cdk8s-datadog.DatadogAgentProps').filter(f => f.endsWith('AsTags'));
    expect(asTags.length).toBe(7);
    const tags = importValues({ datadog: Object.fromEntries(asTags.map(f => [f, f.startsWith('kubernetesResources') ? { nodes: { a: 'b' } } : { a: 'b' }])) });
    expect(tags.report.map(e => [e.key, e.status])).toEqual(asTags.map(f => [`datadog.${f}`, 'mapped']).sort());
    expect(() => DatadogAgent.propsFromJson(tags.props)).not.toThrow();
    const containers = fields('cdk8s-datadog.NodeAgentContainers');
    const own = fields('cdk8s-datadog.NodeAgentContainerResources');
    expect(containers).toContain('agent');
    expect(own).toContain('initContainers');
    const r = importValues({
      datadog: { networkMonitoring: { enabled: true }, securityAgent: { runtime: { enabled: true } } },
      agents: { containers: Object.fromEntries([...new Set([...containers, ...own])].map(c => [c, { resources: { limits: { cpu: '1' } }, ...(containers.includes(c) ? { logLevel: 'debug' } : {}) }])) },
    });
    expect(r.report.filter(e => e.status !== 'mapped')).toEqual([]);
    expect(Object.keys((r.props as any).nodeAgent.containers).sort()).toEqual(containers);
    expect(Object.keys((r.props as any).nodeAgent.containerResources).sort()).toEqual(own);
    expect(() => DatadogAgent.propsFromJson(r.props)).not.toThrow();
  });

  test('a conf.d file\'s check settings reach every Integration field', () => {
    const text = 'init_config: {}\ninstances: [{}]\nlogs: [{type: file, path: /x, service: s, source: s}]\nad_identifiers: [redis]\ncluster_check: false\n';
    const r = importValues({ datadog: { confd: { 'redis.yaml': text } } });
    expect(Object.keys((r.props.integrations as Values[])[0]).sort()).toEqual(Object.keys(typeSchema('cdk8s-datadog.Integration').fields!).sort());
  });

  test('every site of the library imports as its constant; another host as a custom site', () => {
    const names = typeSchema('cdk8s-datadog.DatadogSite').constants!;
    expect(names.length).toBe(7);
    for (const name of names) {
      const host = (DatadogSite as any)[name].host;
      expect({ host, site: importValues({ datadog: { site: host } }).props.site }).toEqual({ host, site: name });
    }
    expect(importValues({ datadog: { site: 'datad0g.com' } }).props.site).toEqual({ custom: 'datad0g.com' });
  });
});
