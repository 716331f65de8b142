import { Chart, Testing } from 'cdk8s';
import { AppsecInjectorMode, AppsecInjectorRbac, AppsecProxy, Credentials, DatadogAgent, DatadogAgentResource } from '../../src';
import { importValues } from '../../src/cli/import-helm';
import { chartDifference } from '../../src/differences';
import { envOf, featureSlice, render } from '../support/helpers';

const CLUSTER_AGENT_SA = 'datadog-cluster-agent';

function clusterAgentEnv(m: ReturnType<typeof render>): Record<string, any> {
  return envOf(m.container('cluster-agent', m.clusterAgent));
}

/**
 * The injector's rules in the Cluster Agent's ClusterRole (the groups and resources only it uses;
 * the Cluster Agent's own `create` on ConfigMaps, which RBAC cannot narrow by name, is not one).
 */
function injectorRules(m: ReturnType<typeof render>): any[] {
  const groups = ['gateway.networking.k8s.io', 'gateway.envoyproxy.io', 'networking.istio.io'];
  return m.get('ClusterRole', 'datadog-cluster-agent').rules.filter((r: any) =>
    (r.apiGroups ?? []).some((g: string) => groups.includes(g))
    || (r.resources ?? []).includes('ingressclasses')
    || ((r.apiGroups ?? []).includes('') && (r.resources ?? []).includes('configmaps') && r.verbs.includes('list')));
}

describe('AppSec proxy injector', () => {
  test('off by default: no env, and none of its rules (the chart grants them anyway: appsec-injector-rbac)', () => {
    const m = render();
    expect(Object.keys(clusterAgentEnv(m)).filter(k => /APPSEC/.test(k))).toEqual([]);
    expect(injectorRules(m)).toEqual([]);
    expect(m.allows(CLUSTER_AGENT_SA, 'delete', '', 'configmaps')).toBe(false);
    expect(m.allows(CLUSTER_AGENT_SA, 'list', 'networking.k8s.io', 'ingressclasses')).toBe(false);
    expect(chartDifference('appsec-injector-rbac')).toBeDefined();
  });

  test('snapshot: the chart\'s env on the Cluster Agent and its rules in the Cluster Agent ClusterRole', () => {
    const m = render({ appsecInjector: { enabled: true, processor: { serviceName: 'appsec-processor', serviceNamespace: 'security' } } });
    expect(clusterAgentEnv(m)).toMatchObject({
      DD_APPSEC_PROXY_ENABLED: 'true',
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_ENABLED: 'true',
      DD_APPSEC_PROXY_AUTO_DETECT: 'true',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_IMAGE: 'ghcr.io/datadog/dd-trace-go/service-extensions-callout',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_IMAGE_TAG: 'v2.8.2',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_PORT: '8080',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_HEALTH_PORT: '8081',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_REQUESTS_CPU: '10m',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_REQUESTS_MEMORY: '128Mi',
      DD_ADMISSION_CONTROLLER_APPSEC_NGINX_MODULE_MOUNT_PATH: '/modules_mount',
      DD_APPSEC_PROXY_PROCESSOR_PORT: '443',
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_PROCESSOR_SERVICE_NAME: 'appsec-processor',
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_PROCESSOR_SERVICE_NAMESPACE: 'security',
    });
    const env = clusterAgentEnv(m);
    for (const unset of ['DD_APPSEC_PROXY_PROXIES', 'DD_CLUSTER_AGENT_APPSEC_INJECTOR_MODE', 'DD_APPSEC_PROXY_PROCESSOR_ADDRESS',
      'DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_LIMITS_CPU', 'DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_BODY_PARSING_SIZE_LIMIT']) {
      expect(env[unset]).toBeUndefined();
    }
    // Exactly the chart's rules, to the Cluster Agent only: no wildcard.
    expect(injectorRules(m)).toEqual([
      { apiGroups: ['gateway.networking.k8s.io'], resources: ['gateways', 'gatewayclasses'], verbs: ['get', 'list', 'watch', 'patch'] },
      { apiGroups: ['gateway.networking.k8s.io'], resources: ['referencegrants'], verbs: ['get', 'delete', 'create', 'patch'] },
      { apiGroups: ['gateway.envoyproxy.io'], resources: ['envoyextensionpolicies', 'backends'], verbs: ['get', 'delete', 'create'] },
      { apiGroups: ['networking.istio.io'], resources: ['envoyfilters'], verbs: ['get', 'create', 'delete'] },
      { apiGroups: ['networking.istio.io'], resources: ['gateways'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] },
    ]);
    for (const r of injectorRules(m)) expect([...r.apiGroups, ...r.resources, ...r.verbs]).not.toContain('*');
    expect(m.allows(CLUSTER_AGENT_SA, 'patch', '', 'configmaps')).toBe(false);
    expect(m.allows('datadog', 'create', '', 'configmaps')).toBe(false);
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('every setting reaches its env, as the chart spells it', () => {
    const env = clusterAgentEnv(render({
      appsecInjector: {
        enabled: true,
        autoDetect: false,
        proxies: [AppsecProxy.ENVOY_GATEWAY, AppsecProxy.INGRESS_NGINX],
        mode: AppsecInjectorMode.EXTERNAL,
        sidecar: {
          image: 'registry.example.com/appsec/callout',
          imageTag: 'v2.9.0',
          port: 9000,
          healthPort: 9001,
          bodyParsingSizeLimit: -1,
          cpuRequest: '50m',
          memoryRequest: '256Mi',
          cpuLimit: '500m',
          memoryLimit: '512Mi',
        },
        processor: { address: 'appsec.security.svc', port: 8443 },
        nginxModuleMountPath: '/nginx-modules',
      },
    }));
    expect(env).toMatchObject({
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_MODE: 'external',
      DD_APPSEC_PROXY_PROXIES: '["envoy-gateway","ingress-nginx"]',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_IMAGE: 'registry.example.com/appsec/callout',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_IMAGE_TAG: 'v2.9.0',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_PORT: '9000',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_HEALTH_PORT: '9001',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_BODY_PARSING_SIZE_LIMIT: '-1',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_REQUESTS_CPU: '50m',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_REQUESTS_MEMORY: '256Mi',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_LIMITS_CPU: '500m',
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_LIMITS_MEMORY: '512Mi',
      DD_ADMISSION_CONTROLLER_APPSEC_NGINX_MODULE_MOUNT_PATH: '/nginx-modules',
      DD_APPSEC_PROXY_PROCESSOR_ADDRESS: 'appsec.security.svc',
      DD_APPSEC_PROXY_PROCESSOR_PORT: '8443',
    });
    // The chart writes the auto-detect env only when it is on.
    expect(env.DD_APPSEC_PROXY_AUTO_DETECT).toBeUndefined();
    // EXTERNAL mode does not need the admission controller.
    expect(() => render({ clusterAgent: { admissionController: { enabled: false } }, appsecInjector: { enabled: true, mode: AppsecInjectorMode.EXTERNAL, processor: { serviceName: 'p' } } })).not.toThrow();
  });

  test('rbac: ALWAYS grants the rules while off (the chart\'s default), NONE never, and no env either way', () => {
    const always = render({ appsecInjector: { rbac: AppsecInjectorRbac.ALWAYS } });
    expect(injectorRules(always)).toHaveLength(7);
    expect(Object.keys(clusterAgentEnv(always)).filter(k => /APPSEC/.test(k))).toEqual([]);
    const none = render({ appsecInjector: { enabled: true, rbac: AppsecInjectorRbac.NONE } });
    expect(injectorRules(none)).toEqual([]);
    expect(clusterAgentEnv(none).DD_APPSEC_PROXY_ENABLED).toBe('true');
  });

  test('JSON input names the classes', () => {
    const props = DatadogAgent.propsFromJson({
      credentials: { fromSecret: 'datadog-secret' },
      appsecInjector: { enabled: true, autoDetect: false, proxies: ['ISTIO', 'ISTIO_GATEWAY'], mode: 'SIDECAR', rbac: 'WHEN_ENABLED' },
    });
    expect(props.appsecInjector!.proxies).toEqual([AppsecProxy.ISTIO, AppsecProxy.ISTIO_GATEWAY]);
    expect(props.appsecInjector!.mode).toBe(AppsecInjectorMode.SIDECAR);
  });

  test('the Operator output refuses it (its DatadogAgent CRD has no AppSec injector field), naming the option', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
    expect(() => new DatadogAgentResource(chart, 'datadog', { credentials: Credentials.fromSecret('datadog-secret'), appsecInjector: { enabled: true } }))
      .toThrow(/appsecInjector\.enabled is not supported by the Operator output/);
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['without a deployed Cluster Agent', { clusterAgent: { enabled: false }, appsecInjector: { enabled: true } },
        /appsecInjector.enabled needs a Cluster Agent deployed by this construct/],
      ['with an existing Cluster Agent', { clusterAgent: { existing: { serviceName: 'dca', tokenSecretName: 'dca-token' } }, appsecInjector: { enabled: true } },
        /appsecInjector.enabled needs a Cluster Agent deployed by this construct/],
      ['rules always without a Cluster Agent', { clusterAgent: { enabled: false }, appsecInjector: { rbac: AppsecInjectorRbac.ALWAYS } },
        /appsecInjector.rbac needs a Cluster Agent deployed by this construct/],
      ['sidecar mode without the admission controller', { clusterAgent: { admissionController: { enabled: false } }, appsecInjector: { enabled: true } },
        /appsecInjector.mode SIDECAR \(the default\) needs the admission controller/],
      ['an option while off', { appsecInjector: { autoDetect: false } }, /appsecInjector.autoDetect needs appsecInjector.enabled, which is false/],
      ['no proxy to configure', { appsecInjector: { enabled: true, autoDetect: false } }, /appsecInjector.autoDetect is false and appsecInjector.proxies is empty/],
      ['a proxy twice', { appsecInjector: { enabled: true, proxies: [AppsecProxy.ISTIO, AppsecProxy.ISTIO] } }, /appsecInjector.proxies\[1\] repeats "istio"/],
      ['a string for a proxy', { appsecInjector: { enabled: true, proxies: ['istio'] } },
        /appsecInjector.proxies\[0\] must be an AppsecProxy: use AppsecProxy.ENVOY_GATEWAY, .*got "istio"/],
      ['a string for the mode', { appsecInjector: { enabled: true, mode: 'external' } }, /appsecInjector.mode must be an AppsecInjectorMode: use AppsecInjectorMode.EXTERNAL, AppsecInjectorMode.SIDECAR/],
      ['external mode without a processor', { appsecInjector: { enabled: true, mode: AppsecInjectorMode.EXTERNAL } },
        /appsecInjector.mode EXTERNAL needs appsecInjector.processor.serviceName or appsecInjector.processor.address/],
      ['a namespace without a Service', { appsecInjector: { enabled: true, processor: { serviceNamespace: 'security' } } },
        /appsecInjector.processor.serviceNamespace needs appsecInjector.processor.serviceName/],
      ['a bad Service name', { appsecInjector: { enabled: true, processor: { serviceName: 'Appsec_Processor' } } }, /appsecInjector.processor.serviceName/],
      ['an address with a scheme', { appsecInjector: { enabled: true, processor: { address: 'https://appsec:443' } } }, /appsecInjector.processor.address must be a host name/],
      ['a bad processor port', { appsecInjector: { enabled: true, processor: { port: 70000 } } }, /appsecInjector.processor.port/],
      ['the same sidecar ports', { appsecInjector: { enabled: true, sidecar: { port: 8080, healthPort: 8080 } } },
        /appsecInjector.sidecar.healthPort must differ from appsecInjector.sidecar.port/],
      ['a tag in the image', { appsecInjector: { enabled: true, sidecar: { image: 'ghcr.io/datadog/callout:v1' } } }, /appsecInjector.sidecar.image must be an image name without tag/],
      ['a bad quantity', { appsecInjector: { enabled: true, sidecar: { memoryLimit: '1 GB' } } }, /appsecInjector.sidecar.memoryLimit must be a Kubernetes quantity/],
      ['a fractional size limit', { appsecInjector: { enabled: true, sidecar: { bodyParsingSizeLimit: 1.5 } } }, /appsecInjector.sidecar.bodyParsingSizeLimit/],
      ['a relative mount path', { appsecInjector: { enabled: true, nginxModuleMountPath: 'modules' } }, /appsecInjector.nginxModuleMountPath must be an absolute path/],
      ['a string for a boolean', { appsecInjector: { enabled: 'true' } }, /appsecInjector.enabled must be true or false/],
    ])('%s', (_name, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});

describe('import-helm: datadog.appsec.injector.*', () => {
  const imported = (injector: any) => importValues({ datadog: { appsec: { injector } } });
  const detail = (r: ReturnType<typeof importValues>, key: string) => r.report.find(e => e.key === key);

  test('every key maps to its option; the chart\'s defaults and empty strings set nothing', () => {
    const r = imported({
      enabled: true,
      autoDetect: false,
      mode: 'external',
      proxies: ['envoy-gateway', 'ingress-nginx'],
      sidecar: {
        image: 'ghcr.io/datadog/dd-trace-go/service-extensions-callout',
        imageTag: 'v2.9.0',
        port: 9000,
        healthPort: 8081,
        bodyParsingSizeLimit: -1,
        resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '', memory: '512Mi' } },
      },
      processor: { address: '', port: 8443, service: { name: 'appsec-processor', namespace: 'security' } },
      nginx: { moduleMountPath: '/nginx-modules' },
    });
    expect(r.props.appsecInjector).toEqual({
      enabled: true,
      autoDetect: false,
      mode: 'EXTERNAL',
      proxies: ['ENVOY_GATEWAY', 'INGRESS_NGINX'],
      sidecar: { imageTag: 'v2.9.0', port: 9000, bodyParsingSizeLimit: -1, cpuRequest: '50m', memoryLimit: '512Mi' },
      processor: { port: 8443, serviceName: 'appsec-processor', serviceNamespace: 'security' },
      nginxModuleMountPath: '/nginx-modules',
    });
    expect(r.report.filter(e => e.key.startsWith('datadog.appsec.') && e.status !== 'mapped')).toEqual([]);
    // The props synthesize (EXTERNAL mode with a Service).
    expect(() => new DatadogAgent(new Chart(Testing.app(), 'test', { namespace: 'datadog' }), 'datadog',
      DatadogAgent.propsFromJson({ ...r.props, credentials: { fromSecret: 'datadog-secret' } }))).not.toThrow();
  });

  test('with the injector off, its settings set nothing (the library refuses them then)', () => {
    const r = imported({ enabled: false, autoDetect: false, processor: { port: 8443 } });
    expect(r.props.appsecInjector).toEqual({ enabled: false });
    expect(detail(r, 'datadog.appsec.injector.autoDetect')?.detail).toMatch(/the AppSec injector is off/);
  });

  test('rbac.create: true is the chart\'s default (the difference is documented), false is NONE', () => {
    expect(detail(imported({ rbac: { create: true } }), 'datadog.appsec.injector.rbac.create')?.detail).toMatch(/appsec-injector-rbac/);
    expect(imported({ rbac: { create: false } }).props.appsecInjector).toEqual({ rbac: 'NONE' });
  });

  test('an unknown proxy or mode is refused, naming the choices', () => {
    expect(() => imported({ enabled: true, proxies: ['traefik'] }))
      .toThrow(/datadog.appsec.injector.proxies\[0\]: must be one of envoy-gateway, istio, istio-gateway, ingress-nginx, got "traefik"/);
    expect(() => imported({ enabled: true, mode: 'inline' })).toThrow(/datadog.appsec.injector.mode: must be sidecar or external, got "inline"/);
  });
});
