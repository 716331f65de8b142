import { k8s } from 'cdk8s-plus-27';
import { componentLabels, selectorLabels } from '../components/labels';
import type { LocalServicePort } from '../feature';
import { defineFeature } from '../feature';
import { intOrString } from '../model/objects';

/**
 * The node-local Service `F` with `internalTrafficPolicy: Local`, so `datadog.<ns>.svc` always
 * reaches the agent on the caller's own node. Applications use it instead of a hostPort. Its ports
 * are the features' `localServicePorts` (DogStatsD, trace, OTLP...).
 */
export const localService = defineFeature({
  id: 'local-service',
  enabled: (c) => c.nodeAgent.localService,
  objects: (scope, c, shared) => {
    const ports = shared.localServicePorts.map((p: LocalServicePort) => ({
      name: p.name, port: p.port, targetPort: intOrString(p.port), protocol: p.protocol, appProtocol: p.appProtocol,
    }));
    new k8s.KubeService(scope, 'LocalService', {
      metadata: { name: c.names.nodeAgent, namespace: c.namespace, labels: componentLabels(c, 'agent') },
      spec: { selector: selectorLabels(c.names.nodeAgent), ports, internalTrafficPolicy: 'Local' },
    });
  },
});
