import { k8s } from 'cdk8s-plus-27';
import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { CONTAINER } from '../components/containers';
import { componentLabels, selectorLabels } from '../components/labels';
import type { ResolvedCredentials } from '../credentials';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import type { PolicyRule } from '../model/k8s-json';
import { clusterScoped, intOrString, typedRules } from '../model/objects';
import { EXTERNAL_METRICS_READER_RULE, checkRule } from '../rbac/render';
import { DATADOG_CRDS_CHART } from '../required-crds';
import { checkPort, fail, bool, checkUnusedWhenOff } from '../validation';

/** The external metrics server (`clusterAgent.metricsProvider.*`): HPAs on Datadog metrics. */
export interface ExternalMetricsOptions {
  /**
   * Serve `external.metrics.k8s.io`, so HorizontalPodAutoscalers can scale on Datadog metrics.
   * Needs an app key in the credentials and a Cluster Agent deployed by this construct.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Port of the metrics server in the Cluster Agent.
   * @default 8443
   */
  readonly port?: number;
  /**
   * Take queries from `DatadogMetric` objects (the DatadogMetric CRD must be installed, e.g.
   * from the `datadog-crds` chart) instead of the metric names in HPA specs.
   * @default false
   */
  readonly useDatadogMetrics?: boolean;
  /**
   * Run the Watermark Pod Autoscaler controller's informer in the Cluster Agent, so
   * `WatermarkPodAutoscaler` objects can scale on Datadog metrics
   * (`DD_EXTERNAL_METRICS_PROVIDER_WPA_CONTROLLER`). The WatermarkPodAutoscaler CRD must be
   * installed (the `watermarkpodautoscaler` chart); the Cluster Agent gets read access to those objects.
   * @default false
   */
  readonly wpaController?: boolean;
}

/** @internal */
export interface ResolvedExternalMetrics {
  readonly enabled: boolean;
  readonly port: number;
  readonly useDatadogMetrics: boolean;
  readonly wpaController: boolean;
}

/** @internal */
export function resolveExternalMetrics(
  o: ExternalMetricsOptions = {}, ca: ResolvedClusterAgent, credentials: ResolvedCredentials,
): ResolvedExternalMetrics {
  const enabled = (bool('clusterAgent.externalMetrics.enabled', o.enabled) ?? false);
  checkPort('clusterAgent.externalMetrics.port', o.port);
  const port = o.port ?? 8443;
  checkUnusedWhenOff('clusterAgent.externalMetrics', o, enabled);
  if (enabled && !ca.deployed) fail('clusterAgent.externalMetrics.enabled needs a Cluster Agent deployed by this construct (not clusterAgent.existing, not clusterAgent.enabled: false)');
  if (enabled && credentials.appKeyKnown && !credentials.hasAppKey) {
    fail('clusterAgent.externalMetrics.enabled needs an app key to query metrics: add appKey to Credentials.fromValues, or use Credentials.fromSecret with an app-key key');
  }
  return {
    enabled,
    port,
    useDatadogMetrics: (bool('clusterAgent.externalMetrics.useDatadogMetrics', o.useDatadogMetrics) ?? false),
    wpaController: (bool('clusterAgent.externalMetrics.wpaController', o.wpaController) ?? false),
  };
}

/**
 * External metrics: the Cluster Agent serves `external.metrics.k8s.io/v1beta1` behind an
 * APIService, delegates authentication and authorization to the API server, and the HPA
 * controller is allowed to list the metrics.
 */
export const externalMetrics = defineFeature({
  id: 'external-metrics',
  option: 'externalMetrics',
  resolve: (p, c) => resolveExternalMetrics(p.clusterAgent?.externalMetrics, c.clusterAgent, c.credentials),
  enabled: (c) => c.externalMetrics.enabled,
  requiredCrds: (c) => [
    ...(c.externalMetrics.useDatadogMetrics ? [{
      name: 'datadogmetrics.datadoghq.com', kind: 'DatadogMetric', option: 'clusterAgent.externalMetrics.useDatadogMetrics', installWith: DATADOG_CRDS_CHART,
    }] : []),
    ...(c.externalMetrics.wpaController ? [{
      name: 'watermarkpodautoscalers.datadoghq.com',
      kind: 'WatermarkPodAutoscaler',
      option: 'clusterAgent.externalMetrics.wpaController',
      installWith: 'the watermarkpodautoscaler Helm chart (https://helm.datadoghq.com), which also runs its controller',
    }] : []),
  ],
  ports: (c) => (c.externalMetrics.enabled ? [{ component: 'clusterAgent', port: c.externalMetrics.port, owner: 'clusterAgent.externalMetrics.port' }] : []),
  clusterAgent: (c, pod) => {
    const m = c.externalMetrics;
    const dca = pod.container(CONTAINER.CLUSTER_AGENT);
    dca.addPort({ name: 'metricsapi', containerPort: m.port, protocol: 'TCP' });
    dca.setEnv({
      DD_EXTERNAL_METRICS_PROVIDER_ENABLED: 'true',
      DD_EXTERNAL_METRICS_PROVIDER_PORT: String(m.port),
      DD_EXTERNAL_METRICS_PROVIDER_WPA_CONTROLLER: String(m.wpaController),
      DD_EXTERNAL_METRICS_PROVIDER_USE_DATADOGMETRIC_CRD: String(m.useDatadogMetrics),
      DD_EXTERNAL_METRICS_AGGREGATOR: 'avg',
    });
  },
  rbac: (c): RbacGrant[] => {
    const rules: PolicyRule[] = [
      // Metric values are cached in this ConfigMap (created with the leader-election create right).
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['datadog-custom-metrics'], verbs: ['get', 'update'] },
    ];
    if (c.externalMetrics.useDatadogMetrics) {
      rules.push({ apiGroups: ['datadoghq.com'], resources: ['datadogmetrics'], verbs: ['list', 'watch', 'create', 'delete'] });
      rules.push({ apiGroups: ['datadoghq.com'], resources: ['datadogmetrics/status'], verbs: ['update'] });
    }
    if (c.externalMetrics.wpaController) {
      rules.push({ apiGroups: ['datadoghq.com'], resources: ['watermarkpodautoscalers'], verbs: ['list', 'get', 'watch'] });
    }
    return [{ to: 'clusterAgent', rules }];
  },
  objects: (scope, c) => {
    const m = c.externalMetrics;
    const labels = componentLabels(c, 'cluster-agent');
    const subject = { kind: 'ServiceAccount', name: c.names.clusterAgent, namespace: c.namespace };
    new k8s.KubeService(scope, 'ExternalMetricsService', {
      metadata: { name: c.names.metricsApiService, namespace: c.namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels(c.names.clusterAgent),
        ports: [{ name: 'metricsapi', port: m.port, targetPort: intOrString(m.port), protocol: 'TCP' }],
      },
    });
    clusterScoped(new k8s.KubeApiService(scope, 'ExternalMetricsApiService', {
      metadata: { name: 'v1beta1.external.metrics.k8s.io', labels },
      spec: {
        service: { name: c.names.metricsApiService, namespace: c.namespace, port: m.port },
        version: 'v1beta1',
        group: 'external.metrics.k8s.io',
        // The Cluster Agent serves a self-signed certificate.
        insecureSkipTlsVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    }));
    // Authentication and authorization of metric requests are delegated to the API server.
    clusterScoped(new k8s.KubeClusterRoleBinding(scope, 'ExternalMetricsAuthDelegator', {
      metadata: { name: c.names.authDelegatorBinding, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [subject],
    }));
    // The client CA of the API server lives in kube-system; the built-in Role there reads it.
    new k8s.KubeRoleBinding(scope, 'ExternalMetricsAuthReader', {
      metadata: { name: c.names.apiserverAuthReaderBinding, namespace: 'kube-system', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: [subject],
    });
    const reader = c.names.externalMetricsReaderRole;
    checkRule(`ClusterRole/${reader}`, EXTERNAL_METRICS_READER_RULE);
    clusterScoped(new k8s.KubeClusterRole(scope, 'ExternalMetricsReader', {
      metadata: { name: reader, labels },
      rules: typedRules([EXTERNAL_METRICS_READER_RULE]),
    }));
    clusterScoped(new k8s.KubeClusterRoleBinding(scope, 'ExternalMetricsReaderBinding', {
      metadata: { name: reader, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: reader },
      subjects: [{ kind: 'ServiceAccount', name: 'horizontal-pod-autoscaler', namespace: 'kube-system' }],
    }));
  },
});
