import { registerOptionClass } from './input/classes';
import { checkArgs } from './input/strict';
import { fail, show } from './validation';

/**
 * A Datadog site: where the agents send data. Use one of the constants, or `DatadogSite.custom`
 * for a site this library does not list yet.
 */
export class DatadogSite {
  /** US1, app.datadoghq.com (the agent's default). */
  public static readonly US1 = new DatadogSite('datadoghq.com');
  /** US3, us3.datadoghq.com. */
  public static readonly US3 = new DatadogSite('us3.datadoghq.com');
  /** US5, us5.datadoghq.com. */
  public static readonly US5 = new DatadogSite('us5.datadoghq.com');
  /** EU1, datadoghq.eu. */
  public static readonly EU1 = new DatadogSite('datadoghq.eu');
  /** AP1, ap1.datadoghq.com. */
  public static readonly AP1 = new DatadogSite('ap1.datadoghq.com');
  /** AP2, ap2.datadoghq.com. */
  public static readonly AP2 = new DatadogSite('ap2.datadoghq.com');
  /** US1-FED (GovCloud), ddog-gov.com. */
  public static readonly US1_FED = new DatadogSite('ddog-gov.com');

  /**
   * A site given by its host name, e.g. `datad0g.com` for a staging environment.
   * Validated at synthesis: a lowercase DNS name with at least one dot, no scheme, no path.
   */
  public static custom(host: string): DatadogSite {
    checkArgs('cdk8s-datadog.DatadogSite', 'custom', [host]);
    return new DatadogSite(host, true);
  }

  /** @internal */
  public readonly _custom: boolean;

  private constructor(
    /** The site's host name, the value of `DD_SITE`. */
    public readonly host: string,
    custom = false,
  ) {
    this._custom = custom;
  }

  /** @internal */
  public _validate(path: string): void {
    if (typeof this.host !== 'string' || !/^(?=.{4,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(this.host)) {
      fail(`${path} must be a Datadog site host such as "datadoghq.eu" (no scheme, no path), got ${show(this.host)}`);
    }
  }

  /**
   * The image registry the Helm chart picks for this site when none is set: the public ECR mirror
   * for US1-FED, Azure for US3, and Datadog's own registry otherwise. On GKE Autopilot and GDC the
   * chart keeps the Google registries (the region's for EU1 and AP1), the images Datadog's allowlist names.
   * @internal
   */
  public _defaultRegistry(googleRegistry = false): string {
    if (this.host === 'ddog-gov.com') return 'public.ecr.aws/datadog';
    if (googleRegistry) {
      if (this.host === 'datadoghq.eu') return 'eu.gcr.io/datadoghq';
      if (this.host === 'ap1.datadoghq.com') return 'asia.gcr.io/datadoghq';
      return 'gcr.io/datadoghq';
    }
    if (this.host === 'us3.datadoghq.com') return 'datadoghq.azurecr.io';
    return 'registry.datadoghq.com';
  }
}
registerOptionClass('cdk8s-datadog.DatadogSite', DatadogSite);
