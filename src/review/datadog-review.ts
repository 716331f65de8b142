import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { Review } from './report';
import { requiredCrdNote } from '../required-crds';
import { buildReview, reviewJson, reviewMarkdown } from './report';
import type { DatadogAgent } from '../datadog-agent';

/**
 * A review report of a DatadogAgent installation, written next to the manifests on `app.synth()`:
 * `datadog-review.md` for a pull request and `datadog-review.json` for policy tools. It lists, per
 * workload and container, the image, privileges, host paths (read-only or read-write), host ports
 * and resources; per ServiceAccount, its RBAC with broad grants flagged; the Secrets and keys
 * referenced (never values); the features on and off; and the objects the agents create at run
 * time. It is read from the synthesized objects, so it cannot disagree with them, and it is
 * deterministic (no timestamps, stable order).
 *
 * With one installation in the app the files are `datadog-review.md` and `.json`; with several,
 * each is suffixed with its installation's construct path (`datadog-review.prod-datadog.md`).
 *
 * @example
 * const agent = new DatadogAgent(chart, 'datadog', { credentials: Credentials.fromSecret('datadog-secret') });
 * new DatadogReview(agent); // app.synth() now writes dist/datadog-review.md and .json
 */
export class DatadogReview extends Construct {
  private readonly agent: DatadogAgent;

  /**
   * @param agent the installation to review
   * @param id the construct id under the installation (default "Review")
   */
  constructor(agent: DatadogAgent, id: string = 'Review') {
    super(agent, id);
    this.agent = agent;
    // cdk8s has no after-synthesis hook: App.synth() creates the output directory, then runs every
    // construct's validations, then writes the charts. The report is written in that validation
    // step, from the same objects the charts write (toJson resolves them the same way).
    this.node.addValidation({
      validate: () => {
        const app = App.of(this);
        this.writeTo(app.outdir);
        return [];
      },
    });
  }

  /** The base name of the report files in the output directory, without extension. */
  public get fileName(): string {
    const reviews = this.node.root.node.findAll().filter((c): c is DatadogReview => c instanceof DatadogReview);
    if (reviews.length <= 1) return 'datadog-review';
    return `datadog-review.${this.agent.node.path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  }

  /** The report as Markdown. */
  public get markdown(): string {
    return reviewMarkdown(this.review());
  }

  /** The report as JSON. */
  public get json(): string {
    return reviewJson(this.review());
  }

  /**
   * Writes `<fileName>.md` and `<fileName>.json` into a directory (created if needed). `app.synth()`
   * calls this with the app's output directory.
   *
   * @param dir the directory
   */
  public writeTo(dir: string): void {
    const r = this.review();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.fileName}.md`), reviewMarkdown(r));
    writeFileSync(join(dir, `${this.fileName}.json`), reviewJson(r));
  }

  private review(): Review {
    const c = this.agent._config;
    const switches = enabledSwitches(c);
    return buildReview(this.agent.apiObjects.map(o => o.toJson()), {
      installation: `${Chart.of(this.agent).node.id}/${this.agent.node.id}`,
      namespace: c.namespace,
      featuresOn: switches.filter(([, on]) => on).map(([path]) => path),
      featuresOff: switches.filter(([, on]) => !on).map(([path]) => path),
      requiredCrds: this.agent.requiredCrds.map(requiredCrdNote),
    });
  }
}

/**
 * The resolved `enabled` switches, by option path (`logs`, `security.runtime`, `otlp.grpc`): what
 * the options turned on, defaults applied.
 */
function enabledSwitches(config: object): Array<[string, boolean]> {
  const walk = (o: any, path: string, depth: number): Array<[string, boolean]> => {
    if (!o || typeof o !== 'object' || Array.isArray(o) || depth > 2) return [];
    const own: Array<[string, boolean]> = typeof o.enabled === 'boolean' ? [[path, o.enabled]] : [];
    return [...own, ...Object.keys(o).flatMap(k => walk(o[k], path ? `${path}.${k}` : k, depth + 1))];
  };
  return walk(config, '', 0);
}
