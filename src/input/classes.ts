import { ContainerRuntime } from '../container-runtime';
import { Credentials } from '../credentials';
import { ExtraVolume } from '../features/extra-volumes';
import { KubernetesPlatform } from '../features/platform';
import { KubeletHost } from '../kubelet';
import { DatadogSite } from '../site';
import { UpdateStrategy } from '../workload-options';

/**
 * The classes whose instances options take (enum-like values and factories), by jsii fqn. The
 * schema says which option takes which; this says how to recognize an instance and how to make
 * one from its name (`"EU1"`) or factory (`{ "fromSecret": "datadog-secret" }`).
 * test/input/classes.test.ts checks that every class the schema mentions is here.
 */
export function classes(): { [fqn: string]: any } {
  // Built on first use: the modules of these classes import the strict check themselves.
  return {
    'cdk8s-datadog.ContainerRuntime': ContainerRuntime,
    'cdk8s-datadog.Credentials': Credentials,
    'cdk8s-datadog.DatadogSite': DatadogSite,
    'cdk8s-datadog.ExtraVolume': ExtraVolume,
    'cdk8s-datadog.KubeletHost': KubeletHost,
    'cdk8s-datadog.KubernetesPlatform': KubernetesPlatform,
    'cdk8s-datadog.UpdateStrategy': UpdateStrategy,
  };
}
