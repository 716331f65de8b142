import * as fs from 'fs';
import * as path from 'path';
import { withTable } from '../scripts/gen-differences';
import { CHART_DIFFERENCES, chartDifference, differencesMarkdown, explainFinding } from '../src/differences';

describe('the deliberate differences from the Helm chart', () => {
  test('the README table is generated from the data (npx projen gen:differences)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(withTable(readme)).toEqual(readme);
    expect(readme).toContain(differencesMarkdown());
  });

  test('every entry is complete, ids are unique and kebab-case, patterns compile', () => {
    const ids = CHART_DIFFERENCES.map(d => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of CHART_DIFFERENCES) {
      expect(d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const f of [d.area, d.chart, d.ours, d.reason]) expect(f.trim()).not.toBe('');
      for (const m of d.matches) expect(() => new RegExp(m)).not.toThrow();
    }
  });

  test('compare finding keys are explained by their entry', () => {
    expect(explainFinding('+env:DaemonSet/datadog/agent:DD_SITE')?.id).toBe('site-always');
    expect(explainFinding('-hostPath:DaemonSet/datadog:/var/run')?.id).toBe('runtime-socket-mount');
    expect(explainFinding('~replicas:Deployment/datadog-cluster-agent:')?.id).toBe('cluster-agent-replicas');
    expect(explainFinding('+toleration:DaemonSet/datadog:node-role.kubernetes.io/control-plane')?.id).toBe('control-plane-tolerations');
    expect(explainFinding('-env:DaemonSet/datadog/agent:DD_SOMETHING_NEW')).toBeUndefined();
  });

  test('several conf.d files of one cluster check: the chart\'s <check>.d--<file> keys and our merged <check>.yaml', () => {
    expect(explainFinding('-configmap:ConfigMap/datadog-cluster-agent-confd:orchestrator.d--1.yaml')?.id).toBe('cluster-agent-advanced-confd');
    expect(explainFinding('+configmap:ConfigMap/datadog-cluster-agent-confd:orchestrator.yaml')?.id).toBe('cluster-agent-advanced-confd');
    // A file missing from ours, or changed, stays undocumented; so does another ConfigMap.
    expect(explainFinding('-configmap:ConfigMap/datadog-cluster-agent-confd:redisdb.yaml')).toBeUndefined();
    expect(explainFinding('~configmap:ConfigMap/datadog-cluster-agent-confd:orchestrator.yaml')).toBeUndefined();
    expect(explainFinding('+configmap:ConfigMap/datadog-confd:orchestrator.yaml')).toBeUndefined();
  });

  test('AppSec injector reads (cluster-wide ConfigMaps, IngressClasses) are documented; named ConfigMaps are not', () => {
    for (const v of ['get', 'list', 'watch', 'create', 'update', 'delete']) {
      expect(explainFinding(`-rbac:ClusterRole/datadog-cluster-agent::configmaps:${v}:`)?.id).toBe('appsec-injector-rbac');
    }
    for (const v of ['get', 'list', 'watch']) {
      expect(explainFinding(`-rbac:ClusterRole/datadog-cluster-agent:networking.k8s.io:ingressclasses:${v}:`)?.id).toBe('appsec-injector-rbac');
    }
    // A missing grant on a named ConfigMap (leader election, event token) stays undocumented.
    expect(explainFinding('-rbac:ClusterRole/datadog-cluster-agent::configmaps:get:datadog-leader-election')).toBeUndefined();
    expect(explainFinding('-rbac:ClusterRole/datadog-cluster-agent:networking.k8s.io:ingresses:list:')).toBeUndefined();
  });

  test('runner RBAC and hardening, and the Docker log directory, cover what the runner and logs files show', () => {
    expect(explainFinding('~binding:ClusterRoleBinding/datadog-cluster-checks:roleRef')?.id).toBe('runner-rbac');
    expect(explainFinding('+mount:Deployment/datadog-clusterchecks/init-config:/tmp')?.id).toBe('runner-hardening');
    expect(explainFinding('+mount:Deployment/datadog-clusterchecks/init-config:/etc/datadog-agent')).toBeUndefined();
    expect(explainFinding('-hostPath:DaemonSet/datadog:/var/lib/docker/containers')?.id).toBe('logs-docker-containers');
    expect(explainFinding('-mount:DaemonSet/datadog/agent:/var/lib/docker/containers')?.id).toBe('logs-docker-containers');
    expect(explainFinding('~securityContext:DaemonSet/datadog/system-probe:seccompProfile.type')?.id).toBe('system-probe-seccomp-localhost');
    expect(explainFinding('+container:DaemonSet/datadog/seccomp-setup:')?.id).toBe('system-probe-seccomp-localhost');
    expect(explainFinding('+object:ConfigMap/datadog-security:')?.id).toBe('system-probe-seccomp-localhost');
    expect(explainFinding('~configmap:ConfigMap/datadog-security:system-probe-seccomp.json')).toBeUndefined();
  });

  test('network policies: the APM port, the Cilium rule fixes, the policies of components not deployed', () => {
    expect(explainFinding('+netpol:NetworkPolicy/datadog:ingress {"ports":[{"port":8126,"protocol":"TCP"}]}')?.id).toBe('network-policy-apm-port');
    expect(explainFinding('+netpol:NetworkPolicy/datadog:ingress {"ports":[{"port":8125,"protocol":"UDP"}]}')).toBeUndefined();
    expect(explainFinding('+netpol:NetworkPolicy/datadog-cluster-agent:ingress {"ports":[{"port":8000}]}')).toBeUndefined();
    expect(explainFinding('~netpol:CiliumNetworkPolicy/datadog:rule Ingress for dogstatsd')?.id).toBe('cilium-network-policy-rules');
    expect(explainFinding('~netpol:CiliumNetworkPolicy/datadog-cluster-agent:rule Egress to cluster agent')?.id).toBe('cilium-network-policy-rules');
    expect(explainFinding('+netpol:CiliumNetworkPolicy/datadog-clusterchecks:rule Egress to Kube API server')?.id).toBe('cilium-network-policy-rules');
    expect(explainFinding('~netpol:CiliumNetworkPolicy/datadog:rule Egress to Datadog intake')).toBeUndefined();
    expect(explainFinding('-object:NetworkPolicy/datadog-clusterchecks:')?.id).toBe('network-policy-deployed-only');
    expect(explainFinding('-object:NetworkPolicy/datadog:')).toBeUndefined();
    expect(explainFinding('~object:RoleBinding/datadog-cluster-agent-apiserver:')?.id).toBe('external-metrics-rbac');
  });

  test('network policies with Windows nodes: the Windows policy and its Cluster Agent rule, nothing else', () => {
    expect(explainFinding('+object:NetworkPolicy/datadog-windows:')?.id).toBe('windows-network-policy');
    expect(explainFinding('+netpol:NetworkPolicy/datadog-windows:ingress {"ports":[{"port":8126,"protocol":"TCP"}]}')?.id).toBe('windows-network-policy');
    expect(explainFinding('+netpol:NetworkPolicy/datadog-cluster-agent:ingress {"from":[{"podSelector":{"matchLabels":{"app":"datadog-windows"}}}],"ports":[{"port":5005}]}')?.id)
      .toBe('windows-network-policy');
    // Only the Windows peer: another added 5005 rule, or the Linux agents' policy, is not this row's;
    // a chart rule missing from a Cluster Agent policy that both render is not documented either.
    expect(explainFinding('-netpol:NetworkPolicy/datadog-cluster-agent:ingress {"from":[{"podSelector":{"matchLabels":{"app":"datadog"}}}],"ports":[{"port":5005}]}')).toBeUndefined();
    expect(explainFinding('+netpol:NetworkPolicy/datadog-cluster-agent:ingress {"from":[{"podSelector":{"matchLabels":{"app":"other"}}}],"ports":[{"port":5005}]}')).toBeUndefined();
    expect(explainFinding('+object:NetworkPolicy/datadog:')).toBeUndefined();
  });

  test('the GPU runtime class left off the Windows pods is its own row', () => {
    expect(explainFinding('-pod:DaemonSet/datadog-windows:runtimeClassName')?.id).toBe('windows-gpu-runtime-class');
    expect(explainFinding('-pod:DaemonSet/datadog:runtimeClassName')).toBeUndefined();
  });

  test('the Windows security context is its own row, on the Windows containers only', () => {
    expect(explainFinding('+securityContext:DaemonSet/datadog-windows/agent:windowsOptions.runAsUserName')?.id).toBe('windows-security-context');
    expect(explainFinding('+securityContext:DaemonSet/datadog-windows/init-volume:windowsOptions.runAsUserName')?.id).toBe('windows-security-context');
    expect(explainFinding('+securityContext:DaemonSet/datadog/agent:windowsOptions.runAsUserName')).toBeUndefined();
  });

  test('no DDOT collector on Windows nodes: the chart\'s Windows otel-agent and the agent\'s collector switch, on the Windows DaemonSet only', () => {
    expect(explainFinding('-container:DaemonSet/datadog-windows/otel-agent:')?.id).toBe('windows-no-ddot');
    expect(explainFinding('-env:DaemonSet/datadog-windows/agent:DD_OTELCOLLECTOR_ENABLED')?.id).toBe('windows-no-ddot');
    expect(explainFinding('-container:DaemonSet/datadog/otel-agent:')).toBeUndefined();
    expect(explainFinding('-env:DaemonSet/datadog/agent:DD_OTELCOLLECTOR_ENABLED')).toBeUndefined();
  });

  test('the endpoint-config ConfigMap (read by the Datadog Operator only) is documented', () => {
    expect(explainFinding('-object:ConfigMap/datadog-endpoint-config:')?.id).toBe('endpoint-config');
    expect(explainFinding('-configmap:ConfigMap/datadog-endpoint-config:api-key-secret-name')?.id).toBe('endpoint-config');
    expect(explainFinding('-configmap:ConfigMap/datadog-security:system-probe-seccomp.json')).toBeUndefined();
  });

  test('chartDifference names a missing id', () => {
    expect(chartDifference('site-always').toMatchChart).toContain('datadoghq.com');
    expect(() => chartDifference('nope')).toThrow(/no chart difference "nope"/);
  });
});
