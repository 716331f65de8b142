import { checkArgs } from './input/strict';
import { ResourceRequirements } from './model/k8s-json';
import { checkQuantity, checkString, fail, show } from './validation';

/** Log level of an agent (`DD_LOG_LEVEL`). */
export enum LogLevel {
  /** Everything, including per-payload traces: for short debugging sessions only. */
  TRACE = 'TRACE',
  /** Debugging detail. */
  DEBUG = 'DEBUG',
  /** Normal operation (the default). */
  INFO = 'INFO',
  /** Warnings and errors. */
  WARN = 'WARN',
  /** Errors only. */
  ERROR = 'ERROR',
  /** Critical errors only. */
  CRITICAL = 'CRITICAL',
  /** No logs. */
  OFF = 'OFF',
}

/** CPU and memory for one container. Quantities use Kubernetes syntax (`200m`, `1`, `256Mi`). */
export interface ContainerResources {
  /**
   * CPU request.
   * @default - none
   */
  readonly cpuRequest?: string;
  /**
   * CPU limit. Datadog recommends none for the agents (throttling delays checks).
   * @default - none
   */
  readonly cpuLimit?: string;
  /**
   * Memory request.
   * @default - none
   */
  readonly memoryRequest?: string;
  /**
   * Memory limit.
   * @default - none
   */
  readonly memoryLimit?: string;
}

/** How the DaemonSet replaces pods when it changes. */
export class UpdateStrategy {
  /**
   * Rolling update: at most `maxUnavailable` nodes (a count like "1" or a percentage like "10%")
   * run without an agent during a rollout. The chart's default is "10%".
   */
  public static rollingUpdate(maxUnavailable: string = '10%'): UpdateStrategy {
    checkArgs('cdk8s-datadog.UpdateStrategy', 'rollingUpdate', [maxUnavailable]);
    return new UpdateStrategy('RollingUpdate', maxUnavailable);
  }

  /** Pods are replaced only when you delete them. */
  public static onDelete(): UpdateStrategy {
    return new UpdateStrategy('OnDelete', undefined);
  }

  private constructor(
    /** `RollingUpdate` or `OnDelete`. */
    public readonly type: string,
    /** For `RollingUpdate`: the most pods unavailable at once. */
    public readonly maxUnavailable: string | undefined,
  ) {}

  /** @internal */
  public _render(path: string): any {
    if (this.type === 'OnDelete') return { type: 'OnDelete' };
    const m = this.maxUnavailable!;
    checkString(`${path}.maxUnavailable`, m, /^([1-9][0-9]*|([1-9][0-9]?|100)%)$/, 'a positive count such as "1" or a percentage from "1%" to "100%"');
    return { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: /^\d+$/.test(m) ? Number(m) : m } };
  }
}

/** @internal */
export function resolveResources(path: string, r: ContainerResources | undefined): ResourceRequirements | undefined {
  if (!r) return undefined;
  checkQuantity(`${path}.cpuRequest`, r.cpuRequest);
  checkQuantity(`${path}.cpuLimit`, r.cpuLimit);
  checkQuantity(`${path}.memoryRequest`, r.memoryRequest);
  checkQuantity(`${path}.memoryLimit`, r.memoryLimit);
  const requests: { [k: string]: string } = {};
  const limits: { [k: string]: string } = {};
  if (r.cpuRequest) requests.cpu = r.cpuRequest;
  if (r.memoryRequest) requests.memory = r.memoryRequest;
  if (r.cpuLimit) limits.cpu = r.cpuLimit;
  if (r.memoryLimit) limits.memory = r.memoryLimit;
  const out: ResourceRequirements = {
    ...(Object.keys(requests).length ? { requests } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

/** @internal */
export function checkLogLevel(path: string, level: LogLevel | undefined): void {
  if (level !== undefined && !Object.values(LogLevel).includes(level)) {
    fail(`${path} must be one of ${Object.values(LogLevel).join(', ')}, got ${show(level)}`);
  }
}
