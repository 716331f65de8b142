import { k8s } from 'cdk8s-plus-27';
import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { CONTAINER } from '../components/containers';
import { componentLabels, selectorLabels } from '../components/labels';
import type { ResolvedNodeAgent } from '../components/node-agent';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { checkDnsSubdomain, checkPort, checkUnusedWhenOff, fail, options, show, bool } from '../validation';
import type { ResolvedApm } from './apm';
import type { ResolvedDogStatsd } from './dogstatsd';
import { intOrString } from '../model/objects';

/** How the admission controller tells application pods where the node agent is. */
export enum AdmissionConfigMode {
  /** Mount the DogStatsD and APM sockets' host directory into the pods (Unix sockets). */
  SOCKET = 'socket',
  /** Point the pods at their node's IP (`status.hostIP`); needs host ports or host networking. */
  HOSTIP = 'hostip',
  /** Point the pods at the node-local Service (`internalTrafficPolicy: Local`). */
  SERVICE = 'service',
  /** Mount the sockets through the Datadog CSI driver, which you install separately. */
  CSI = 'csi',
}

/** What the API server does when the webhook cannot be reached. */
export enum AdmissionFailurePolicy {
  /** Admit the pod unchanged (the chart's default). */
  IGNORE = 'Ignore',
  /** Reject the pod. */
  FAIL = 'Fail',
}

/** How the CWS instrumentation endpoint gets `cws-instrumentation` into the pods it instruments. */
export enum CwsInstrumentationMode {
  /** The Cluster Agent copies the binary into the container over `pods/exec` (the chart's default). */
  REMOTE_COPY = 'remote_copy',
  /** An init container copies it into a shared volume: no `pods/exec` right. */
  INIT_CONTAINER = 'init_container',
}

/** CWS instrumentation (`clusterAgent.admissionController.cwsInstrumentation.*`). */
export interface CwsInstrumentationOptions {
  /**
   * Serve the CWS instrumentation endpoint, which lets Cloud Security attribute `kubectl exec`
   * sessions to the users who opened them (`DD_ADMISSION_CONTROLLER_CWS_INSTRUMENTATION_ENABLED`).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * How `cws-instrumentation` reaches the pods. REMOTE_COPY grants the Cluster Agent `create` on
   * `pods/exec` in every namespace.
   * @default CwsInstrumentationMode.REMOTE_COPY
   */
  readonly mode?: CwsInstrumentationMode;
}

/** The Cluster Agent's admission controller (`clusterAgent.admissionController.*`). */
export interface AdmissionControllerOptions {
  /**
   * Run the admission webhooks in the Cluster Agent (it creates and updates the webhook
   * configurations itself).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Inject into every pod, not only pods labelled `admission.datadoghq.com/enabled: "true"`.
   * @default false
   */
  readonly mutateUnlabelled?: boolean;
  /**
   * How injected pods reach the agent.
   * @default - SOCKET when the APM socket is on (the default); else HOSTIP when APM uses a host
   * port; else SERVICE when the node-local Service exists; else SOCKET
   */
  readonly configMode?: AdmissionConfigMode;
  /**
   * What the API server does when the webhook is down.
   * @default AdmissionFailurePolicy.IGNORE
   */
  readonly failurePolicy?: AdmissionFailurePolicy;
  /**
   * Name of the webhook configurations the Cluster Agent manages. Change it when two Cluster
   * Agents share a cluster.
   * @default "datadog-webhook"
   */
  readonly webhookName?: string;
  /**
   * Port of the webhook server in the Cluster Agent (the Service listens on 443).
   * @default 8000
   */
  readonly port?: number;
  /**
   * Remote instrumentation: the Cluster Agent polls remote configuration for library injection
   * targets set in Datadog and patches the matching workloads
   * (`DD_ADMISSION_CONTROLLER_AUTO_INSTRUMENTATION_PATCHER_ENABLED`). Turns remote configuration on
   * in the Cluster Agent (`remoteConfiguration.enabled` must stay on) and grants it `patch` on every Deployment, ReplicaSet, DaemonSet and
   * StatefulSet, as the chart does.
   * @default false
   */
  readonly remoteInstrumentation?: boolean;
  /**
   * CWS instrumentation of `kubectl exec` sessions.
   * @default - off
   */
  readonly cwsInstrumentation?: CwsInstrumentationOptions;
}

/** @internal */
export interface ResolvedAdmissionController {
  readonly remoteInstrumentation: boolean;
  /** The CWS instrumentation mode, when it is on. */
  readonly cwsInstrumentation?: string;
  readonly enabled: boolean;
  readonly mutateUnlabelled: boolean;
  readonly configMode: string;
  readonly failurePolicy: string;
  readonly webhookName: string;
  readonly port: number;
}

/** @internal */
export function resolveAdmissionController(
  o: AdmissionControllerOptions = {}, ca: ResolvedClusterAgent, apm: ResolvedApm, dsd: ResolvedDogStatsd, na: Pick<ResolvedNodeAgent, 'localService' | 'hostNetwork'>,
): ResolvedAdmissionController {
  const set = (['mutateUnlabelled', 'configMode', 'failurePolicy', 'webhookName', 'port', 'remoteInstrumentation', 'cwsInstrumentation'] as const).filter(k => o[k] !== undefined);
  if (o.enabled === true && !ca.deployed) fail('clusterAgent.admissionController.enabled needs a Cluster Agent deployed by this construct');
  const enabled = ca.deployed && ((bool('clusterAgent.admissionController.enabled', o.enabled) ?? true));
  if (!enabled && set.length) {
    fail(`clusterAgent.admissionController.${set[0]} needs the admission controller, which is ${ca.deployed ? 'disabled (clusterAgent.admissionController.enabled: false)' : 'not deployed without a Cluster Agent'}`);
  }
  if (o.configMode !== undefined && !Object.values(AdmissionConfigMode).includes(o.configMode)) {
    fail(`clusterAgent.admissionController.configMode must be one of ${Object.values(AdmissionConfigMode).join(', ')}, got ${show(o.configMode)}`);
  }
  if (o.failurePolicy !== undefined && !Object.values(AdmissionFailurePolicy).includes(o.failurePolicy)) {
    fail(`clusterAgent.admissionController.failurePolicy must be one of ${Object.values(AdmissionFailurePolicy).join(', ')}, got ${show(o.failurePolicy)}`);
  }
  checkDnsSubdomain('clusterAgent.admissionController.webhookName', o.webhookName);
  checkPort('clusterAgent.admissionController.port', o.port);
  const port = o.port ?? 8000;

  // The chart's derivation, with our node-local Service standing in for its apm.useLocalService.
  const derived = apm.socketEnabled ? AdmissionConfigMode.SOCKET
    : apm.useHostPort ? AdmissionConfigMode.HOSTIP
      : na.localService ? AdmissionConfigMode.SERVICE
        : AdmissionConfigMode.SOCKET;
  const mode = o.configMode ?? derived;
  if (enabled) {
    if (mode === AdmissionConfigMode.SOCKET && !apm.socketEnabled && !dsd.socketEnabled) {
      fail('clusterAgent.admissionController.configMode SOCKET needs a socket to inject: enable apm.socketEnabled or dogstatsd.socketEnabled');
    }
    if (mode === AdmissionConfigMode.SERVICE && !na.localService) {
      fail('clusterAgent.admissionController.configMode SERVICE needs the node-local Service: set nodeAgent.localService: true');
    }
    if (mode === AdmissionConfigMode.HOSTIP && !apm.useHostPort && !dsd.useHostPort && !na.hostNetwork) {
      fail('clusterAgent.admissionController.configMode HOSTIP needs the agent on the node IP: set apm.useHostPort, dogstatsd.useHostPort or nodeAgent.hostNetwork');
    }
  }
  const cws = options('clusterAgent.admissionController.cwsInstrumentation', o.cwsInstrumentation);
  const cwsOn = bool('clusterAgent.admissionController.cwsInstrumentation.enabled', cws.enabled) ?? false;
  checkUnusedWhenOff('clusterAgent.admissionController.cwsInstrumentation', cws, cwsOn);
  if (cws.mode !== undefined && !Object.values(CwsInstrumentationMode).includes(cws.mode)) {
    fail(`clusterAgent.admissionController.cwsInstrumentation.mode must be one of ${Object.values(CwsInstrumentationMode).join(', ')}, got ${show(cws.mode)}`);
  }
  return {
    enabled,
    remoteInstrumentation: bool('clusterAgent.admissionController.remoteInstrumentation', o.remoteInstrumentation) ?? false,
    cwsInstrumentation: cwsOn ? (cws.mode ?? CwsInstrumentationMode.REMOTE_COPY) : undefined,
    mutateUnlabelled: (bool('clusterAgent.admissionController.mutateUnlabelled', o.mutateUnlabelled) ?? false),
    configMode: mode,
    failurePolicy: o.failurePolicy ?? AdmissionFailurePolicy.IGNORE,
    webhookName: o.webhookName ?? 'datadog-webhook',
    port,
  };
}

/**
 * The admission controller: the webhook server in the Cluster Agent, its Service (443 to the
 * webhook port), rights on the webhook configurations it manages (by name) and on its
 * certificate Secret, and the env that says what to inject.
 */
/**
 * The Secret holding the webhook's TLS certificate, which the Cluster Agent creates and rotates in
 * its namespace: the agent's default `admission_controller.certificate.secret_name`, not set by
 * the chart or the Operator either.
 */
export const WEBHOOK_CERTIFICATE_SECRET = 'webhook-certificate';

export const admissionController = defineFeature({
  id: 'admission-controller',
  option: 'admissionController',
  needs: ['apm', 'dogstatsd'],
  resolve: (p, c) => resolveAdmissionController(p.clusterAgent?.admissionController, c.clusterAgent, c.apm, c.dogstatsd, c.nodeAgent),
  enabled: (c) => c.admissionController.enabled,
  needsRemoteConfiguration: (c) => (c.admissionController.enabled && c.admissionController.remoteInstrumentation
    ? { option: 'clusterAgent.admissionController.remoteInstrumentation', receives: 'the injection targets arrive through it' } : undefined),
  ports: (c) => (c.admissionController.enabled ? [{ component: 'clusterAgent', port: c.admissionController.port, owner: 'clusterAgent.admissionController.port' }] : []),
  clusterAgent: (c, pod) => {
    const a = c.admissionController;
    const dca = pod.container(CONTAINER.CLUSTER_AGENT);
    dca.addPort({ name: 'datadog-webhook', containerPort: a.port, protocol: 'TCP' });
    dca.setEnv({
      DD_ADMISSION_CONTROLLER_ENABLED: 'true',
      DD_ADMISSION_CONTROLLER_VALIDATION_ENABLED: 'true',
      DD_ADMISSION_CONTROLLER_MUTATION_ENABLED: 'true',
      DD_TRACE_AGENT_HOST_SOCKET_PATH: c.apm.hostSocketDir,
      DD_DOGSTATSD_HOST_SOCKET_PATH: c.dogstatsd.hostSocketDir,
      DD_DOGSTATSD_SOCKET: c.dogstatsd.socketPath,
      DD_APM_RECEIVER_SOCKET: c.apm.socketPath,
      DD_ADMISSION_CONTROLLER_WEBHOOK_NAME: a.webhookName,
      DD_ADMISSION_CONTROLLER_MUTATE_UNLABELLED: String(a.mutateUnlabelled),
      DD_ADMISSION_CONTROLLER_SERVICE_NAME: c.names.admissionControllerService,
      DD_ADMISSION_CONTROLLER_INJECT_CONFIG_MODE: a.configMode,
      DD_ADMISSION_CONTROLLER_INJECT_CONFIG_LOCAL_SERVICE_NAME: c.names.nodeAgent,
      DD_ADMISSION_CONTROLLER_FAILURE_POLICY: a.failurePolicy,
      DD_ADMISSION_CONTROLLER_PORT: String(a.port),
      DD_ADMISSION_CONTROLLER_AUTO_INSTRUMENTATION_PATCHER_ENABLED: a.remoteInstrumentation ? 'true' : undefined,
      DD_ADMISSION_CONTROLLER_CONTAINER_REGISTRY: c.images.registry,
      DD_ADMISSION_CONTROLLER_CWS_INSTRUMENTATION_ENABLED: a.cwsInstrumentation ? 'true' : undefined,
      DD_ADMISSION_CONTROLLER_CWS_INSTRUMENTATION_MODE: a.cwsInstrumentation,
    });
    // The CSI mode needs the Cluster Agent to know the driver is there (user env still wins).
    if (a.configMode === AdmissionConfigMode.CSI) dca.overrideEnv({ DD_CSI_ENABLED: 'true' });
  },
  rbac: (c): RbacGrant[] => {
    const a = c.admissionController;
    const webhooks = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'];
    const grants: RbacGrant[] = [{
      to: 'clusterAgent',
      rules: [
        // The webhook configurations it manages, by name, and create (which cannot be limited by name).
        { apiGroups: ['admissionregistration.k8s.io'], resources: webhooks, resourceNames: [a.webhookName], verbs: ['get', 'list', 'watch', 'update', 'delete'] },
        { apiGroups: ['admissionregistration.k8s.io'], resources: webhooks, verbs: ['create'] },
        // Owner lookups: the workload a pod belongs to names its service in the injected tags.
        { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['statefulsets', 'replicasets', 'deployments', 'daemonsets'], verbs: ['get'] },
        { apiGroups: [''], resources: ['replicationcontrollers'], verbs: ['get'] },
      ],
    }, {
      // The webhook's TLS certificate Secret, and its config state, in the agents' namespace.
      to: 'clusterAgent',
      role: c.names.clusterAgentMainRole,
      namespaced: true,
      rules: [
        // The agent reads it by name and watches it with a `metadata.name` field selector, which
        // RBAC authorizes against resourceNames; create cannot be limited by name (and reads nothing).
        { apiGroups: [''], resources: ['secrets'], resourceNames: [WEBHOOK_CERTIFICATE_SECRET], verbs: ['get', 'list', 'watch', 'update'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update', 'create'] },
      ],
    }];
    if (a.remoteInstrumentation) {
      grants.push({ to: 'clusterAgent', rules: [{ apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'daemonsets', 'statefulsets'], verbs: ['patch'] }] });
    }
    if (a.cwsInstrumentation === CwsInstrumentationMode.REMOTE_COPY) {
      grants.push({ to: 'clusterAgent', rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] });
    }
    if (a.configMode === AdmissionConfigMode.CSI) {
      grants.push({ to: 'clusterAgent', rules: [{ apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: ['get', 'list', 'watch'] }] });
    }
    return grants;
  },
  objects: (scope, c) => {
    new k8s.KubeService(scope, 'AdmissionControllerService', {
      metadata: { name: c.names.admissionControllerService, namespace: c.namespace, labels: componentLabels(c, 'cluster-agent') },
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels(c.names.clusterAgent),
        ports: [{ name: 'datadog-webhook', port: 443, targetPort: intOrString(c.admissionController.port), protocol: 'TCP' }],
      },
    });
  },
});
