import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { componentLabels, selectorLabels } from '../components/labels';
import { ResolvedConfig } from '../config';
import { Feature } from '../feature';

/**
 * The node-local Service `F`: DogStatsD (UDP), trace (TCP) and OTLP (TCP) ports with
 * `internalTrafficPolicy: Local`, so `datadog.<ns>.svc` always reaches the agent on the caller's
 * own node. Applications use it instead of a hostPort.
 */
export const localService: Feature = {
  id: 'local-service',
  enabled: (c) => c.nodeAgent.localService,
  objects(scope: Construct, c: ResolvedConfig) {
    const ports: any[] = [{ name: 'dogstatsdport', port: c.dogstatsd.port, targetPort: c.dogstatsd.port, protocol: 'UDP' }];
    if (c.apm.enabled) ports.push({ name: 'traceport', port: c.apm.port, targetPort: c.apm.port, protocol: 'TCP' });
    // OTLP receivers (see otlp.ts), with the application protocol the chart declares.
    if (c.otlp.grpc.enabled) ports.push({ name: 'otlpgrpcport', port: c.otlp.grpc.port, targetPort: c.otlp.grpc.port, protocol: 'TCP', appProtocol: 'grpc' });
    if (c.otlp.http.enabled) ports.push({ name: 'otlphttpport', port: c.otlp.http.port, targetPort: c.otlp.http.port, protocol: 'TCP', appProtocol: 'http' });
    new ApiObject(scope, 'LocalService', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: c.names.nodeAgent, namespace: c.namespace, labels: componentLabels(c, 'agent') },
      spec: { selector: selectorLabels(c.names.nodeAgent), ports, internalTrafficPolicy: 'Local' },
    });
  },
};
