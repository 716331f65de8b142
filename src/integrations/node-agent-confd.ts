import type { CoreConfig } from '../config';
import { checksumOf } from './json-value';
import type { IntegrationRegistry } from './registry';
import { CONTAINER } from '../components/containers';
import type { PodModel } from '../model/pod';

/**
 * Node-level checks and custom checks in the node agent pod.
 *
 * How the files reach the agent: each check's file is mounted on its own, with `subPath`, at
 * `/etc/datadog-agent/conf.d/<check>.d/conf.yaml` (and each custom check at
 * `/etc/datadog-agent/checks.d/<name>.py`) in the `agent` container, on top of the `config`
 * emptyDir mounted at `/etc/datadog-agent`. The Helm chart instead mounts the ConfigMaps at
 * `/conf.d` and `/checks.d` in `init-config` and relies on the image's cont-init scripts to copy
 * them. Mounting file by file:
 * - does not depend on scripts inside the image (the chart infers that behaviour from them);
 * - does not hide the other files of `<check>.d` that the image ships (`auto_conf.yaml`,
 *   `conf.yaml.default`), which mounting the whole directory would;
 * - gives the agent exactly the path it reads, so the manifest says where each file lands.
 * subPath mounts do not follow ConfigMap updates; the agent reads checks at start anyway, and the
 * checksum annotation rolls the pods whenever the content changes.
 */

/** The node agent's conf.d ConfigMap volume. */
export const CONFD_VOLUME = 'confd';
/** The custom checks ConfigMap volume. */
export const CHECKSD_VOLUME = 'checksd';

/** Registers the render-time hook that mounts the node checks and sets the checksums. @internal */
export function wireNodeAgent(c: CoreConfig, pod: PodModel, reg: IntegrationRegistry): void {
  pod.onRender(() => {
    reg.seal();
    const confd = reg.nodeConfd();
    if (Object.keys(confd).length) {
      pod.addVolume({ name: CONFD_VOLUME, configMap: { name: c.names.confd } });
      for (const file of Object.keys(confd)) {
        const check = file.slice(0, -'.yaml'.length);
        pod.container(CONTAINER.AGENT).mount({ name: CONFD_VOLUME, mountPath: `/etc/datadog-agent/conf.d/${check}.d/conf.yaml`, subPath: file, readOnly: true });
      }
      pod.annotations['checksum/confd-config'] = checksumOf(confd);
    }
    mountChecksd(c, pod, reg, 'agent');
  });
}

/**
 * Mounts the custom checks into `container` of `pod` and sets `checksum/checksd-config`, when
 * there are custom checks. Used for the node agent and the Cluster Checks Runner (which runs
 * custom checks dispatched as cluster checks).
 * @internal
 */
export function mountChecksd(c: CoreConfig, pod: PodModel, reg: IntegrationRegistry, container: string): void {
  reg.seal();
  const checksd = reg.checksd();
  if (!Object.keys(checksd).length || !pod.hasContainer(container)) return;
  pod.addVolume({ name: CHECKSD_VOLUME, configMap: { name: c.names.checksd } });
  for (const file of Object.keys(checksd)) {
    pod.container(container).mount({ name: CHECKSD_VOLUME, mountPath: `/etc/datadog-agent/checks.d/${file}`, subPath: file, readOnly: true });
  }
  pod.annotations['checksum/checksd-config'] = checksumOf(checksd);
}
