import { AdmissionConfigMode, AdmissionFailurePolicy, CwsInstrumentationMode } from '../../src';
import { envOf, render } from '../support/helpers';

describe('admission controller', () => {
  test('default: port, env, Service', () => {
    const m = render();
    const dca = m.container('cluster-agent', m.clusterAgent);
    expect(dca.ports).toContainEqual({ name: 'datadog-webhook', containerPort: 8000, protocol: 'TCP' });
    const env = envOf(dca);
    const admissionEnv = Object.fromEntries(Object.entries(env).filter(([k]) => /ADMISSION|SOCKET/.test(k)));
    expect(admissionEnv).toMatchSnapshot();
    expect(env).toMatchObject({
      DD_ADMISSION_CONTROLLER_ENABLED: 'true',
      DD_ADMISSION_CONTROLLER_MUTATE_UNLABELLED: 'false',
      DD_ADMISSION_CONTROLLER_FAILURE_POLICY: 'Ignore',
      DD_ADMISSION_CONTROLLER_INJECT_CONFIG_MODE: 'socket',
      DD_ADMISSION_CONTROLLER_SERVICE_NAME: 'datadog-cluster-agent-admission-controller',
      DD_ADMISSION_CONTROLLER_WEBHOOK_NAME: 'datadog-webhook',
      DD_ADMISSION_CONTROLLER_PORT: '8000',
      DD_ADMISSION_CONTROLLER_CONTAINER_REGISTRY: 'registry.datadoghq.com',
      DD_TRACE_AGENT_HOST_SOCKET_PATH: '/var/run/datadog',
      DD_APM_RECEIVER_SOCKET: '/var/run/datadog/apm.socket',
    });
    expect(m.get('Service', 'datadog-cluster-agent-admission-controller').spec).toEqual({
      type: 'ClusterIP',
      selector: { app: 'datadog-cluster-agent' },
      ports: [{ name: 'datadog-webhook', port: 443, targetPort: 8000, protocol: 'TCP' }],
    });
  });

  test('options', () => {
    const m = render({ clusterAgent: { admissionController: { mutateUnlabelled: true, failurePolicy: AdmissionFailurePolicy.FAIL, port: 9000, webhookName: 'dd-webhook' } } });
    const env = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(env).toMatchObject({ DD_ADMISSION_CONTROLLER_MUTATE_UNLABELLED: 'true', DD_ADMISSION_CONTROLLER_FAILURE_POLICY: 'Fail', DD_ADMISSION_CONTROLLER_PORT: '9000', DD_ADMISSION_CONTROLLER_WEBHOOK_NAME: 'dd-webhook' });
    expect(m.get('Service', 'datadog-cluster-agent-admission-controller').spec.ports[0].targetPort).toBe(9000);
  });

  test('remote instrumentation: the patcher, remote configuration on, patch on workloads as the chart', () => {
    const off = render();
    expect(envOf(off.container('cluster-agent', off.clusterAgent)).DD_ADMISSION_CONTROLLER_AUTO_INSTRUMENTATION_PATCHER_ENABLED).toBeUndefined();
    expect(off.allows('datadog-cluster-agent', 'patch', 'apps', 'statefulsets')).toBe(false);
    const m = render({ clusterAgent: { admissionController: { remoteInstrumentation: true } } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({
      DD_ADMISSION_CONTROLLER_AUTO_INSTRUMENTATION_PATCHER_ENABLED: 'true',
      DD_REMOTE_CONFIGURATION_ENABLED: 'true',
    });
    for (const r of ['deployments', 'replicasets', 'daemonsets', 'statefulsets']) expect(m.allows('datadog-cluster-agent', 'patch', 'apps', r)).toBe(true);
  });

  test('CWS instrumentation: env; pods/exec create only in REMOTE_COPY mode (the default)', () => {
    const off = render();
    expect(off.allows('datadog-cluster-agent', 'create', '', 'pods/exec')).toBe(false);
    const m = render({ clusterAgent: { admissionController: { cwsInstrumentation: { enabled: true } } } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({
      DD_ADMISSION_CONTROLLER_CWS_INSTRUMENTATION_ENABLED: 'true',
      DD_ADMISSION_CONTROLLER_CWS_INSTRUMENTATION_MODE: 'remote_copy',
    });
    expect(m.allows('datadog-cluster-agent', 'create', '', 'pods/exec')).toBe(true);
    const cwsInstrumentation = { enabled: true, mode: CwsInstrumentationMode.INIT_CONTAINER };
    const init = render({ clusterAgent: { admissionController: { cwsInstrumentation } } });
    expect(envOf(init.container('cluster-agent', init.clusterAgent)).DD_ADMISSION_CONTROLLER_CWS_INSTRUMENTATION_MODE).toBe('init_container');
    expect(init.allows('datadog-cluster-agent', 'create', '', 'pods/exec')).toBe(false);
  });

  test('the user can still override DD_CSI_ENABLED in CSI mode', () => {
    const m = render({ clusterAgent: { env: { DD_CSI_ENABLED: 'false' }, admissionController: { configMode: AdmissionConfigMode.CSI } } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_CSI_ENABLED).toBe('false');
  });

  test('off: no port, Service or env', () => {
    const m = render({ clusterAgent: { admissionController: { enabled: false } } });
    expect(m.find('Service', 'datadog-cluster-agent-admission-controller')).toBeUndefined();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_ADMISSION_CONTROLLER_ENABLED).toBeUndefined();
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['unknown config mode', { clusterAgent: { admissionController: { configMode: 'udp' } } }, /clusterAgent.admissionController.configMode must be one of socket, hostip, service, csi, got "udp"/],
      ['unknown failure policy', { clusterAgent: { admissionController: { failurePolicy: 'Retry' } } }, /clusterAgent.admissionController.failurePolicy must be one of Ignore, Fail/],
      ['SERVICE without the local Service', { nodeAgent: { localService: false }, clusterAgent: { admissionController: { configMode: AdmissionConfigMode.SERVICE } } }, /configMode SERVICE needs the node-local Service/],
      ['HOSTIP without host ports', { clusterAgent: { admissionController: { configMode: AdmissionConfigMode.HOSTIP } } }, /configMode HOSTIP needs the agent on the node IP/],
      ['SOCKET without sockets', { apm: { socketEnabled: false }, dogstatsd: { socketEnabled: false }, clusterAgent: { admissionController: { configMode: AdmissionConfigMode.SOCKET } } }, /configMode SOCKET needs a socket to inject/],
      ['a port the Cluster Agent uses', { clusterAgent: { admissionController: { port: 5556 } } }, /clusterAgent.admissionController.port 5556 is already used by the Cluster Agent health port/],
      ['bad port', { clusterAgent: { admissionController: { port: -1 } } }, /clusterAgent.admissionController.port must be >= 1/],
      ['bad webhook name', { clusterAgent: { admissionController: { webhookName: 'Datadog_Webhook' } } }, /clusterAgent.admissionController.webhookName must be a lowercase RFC 1123 subdomain/],
      ['options while off', { clusterAgent: { admissionController: { enabled: false, mutateUnlabelled: true } } }, /clusterAgent.admissionController.mutateUnlabelled needs the admission controller, which is disabled/],
      ['CWS mode while CWS instrumentation is off', { clusterAgent: { admissionController: { cwsInstrumentation: { mode: CwsInstrumentationMode.INIT_CONTAINER } } } }, /clusterAgent.admissionController.cwsInstrumentation.mode needs clusterAgent.admissionController.cwsInstrumentation.enabled, which is false/],
      ['unknown CWS mode', { clusterAgent: { admissionController: { cwsInstrumentation: { enabled: true, mode: 'copy' } } } }, /clusterAgent.admissionController.cwsInstrumentation.mode must be one of remote_copy, init_container, got "copy"/],
      ['remote instrumentation without remote configuration', { remoteConfiguration: { enabled: false }, clusterAgent: { admissionController: { remoteInstrumentation: true } } }, /remoteInstrumentation needs remote configuration, which is off/],
      ['remote instrumentation while off', { clusterAgent: { admissionController: { enabled: false, remoteInstrumentation: true } } }, /clusterAgent.admissionController.remoteInstrumentation needs the admission controller, which is disabled/],
      ['enabled without a Cluster Agent', { clusterAgent: { enabled: false, admissionController: { enabled: true } } }, /clusterAgent.admissionController.enabled needs a Cluster Agent deployed by this construct/],
    ])('%s', (_n, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});
