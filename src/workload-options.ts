import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { registerOptionClass } from './input/classes';
import { checkArgs } from './input/strict';
import type { ResourceRequirements } from './model/k8s-json';
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

/**
 * CPU and memory for one container, as cdk8s-plus types (`cpu: { request: Cpu.millis(200) }`,
 * `memory: { limit: Size.mebibytes(256) }`). The string forms (`cpuRequest: '200m'`) still work.
 */
export interface ContainerResources {
  /**
   * CPU request and limit (`kplus.Cpu.millis(200)`, `kplus.Cpu.units(1)`). Datadog recommends no
   * CPU limit for the agents (throttling delays checks).
   * @default - none
   */
  readonly cpu?: kplus.CpuResources;
  /**
   * Memory request and limit (`Size.mebibytes(256)`), rendered in `Mi` as cdk8s-plus does.
   * @default - none
   */
  readonly memory?: kplus.MemoryResources;
  /**
   * CPU request, as a Kubernetes quantity.
   * @default - none
   * @deprecated use `cpu: { request: kplus.Cpu.millis(200) }`
   */
  readonly cpuRequest?: string;
  /**
   * CPU limit, as a Kubernetes quantity.
   * @default - none
   * @deprecated use `cpu: { limit: kplus.Cpu.units(1) }`
   */
  readonly cpuLimit?: string;
  /**
   * Memory request, as a Kubernetes quantity.
   * @default - none
   * @deprecated use `memory: { request: Size.mebibytes(256) }`
   */
  readonly memoryRequest?: string;
  /**
   * Memory limit, as a Kubernetes quantity.
   * @default - none
   * @deprecated use `memory: { limit: Size.mebibytes(512) }`
   */
  readonly memoryLimit?: string;
}

/** How the DaemonSet replaces pods when it changes. */
export class UpdateStrategy {
  /**
   * Rolling update: at most `maxUnavailable` nodes (a count like "1" or a percentage like "10%")
   * run without an agent during a rollout. The chart's default is "10%".
   *
   * @deprecated use `UpdateStrategy.rollingUpdateOf(kplus.PercentOrAbsolute.percent(10))`
   */
  public static rollingUpdate(maxUnavailable: string = '10%'): UpdateStrategy {
    checkArgs('cdk8s-datadog.UpdateStrategy', 'rollingUpdate', [maxUnavailable]);
    return new UpdateStrategy('RollingUpdate', maxUnavailable);
  }

  /**
   * Rolling update: at most `maxUnavailable` nodes (`kplus.PercentOrAbsolute.percent(10)` or
   * `.absolute(1)`) run without an agent during a rollout. The chart's default is 10%.
   */
  public static rollingUpdateOf(maxUnavailable: kplus.PercentOrAbsolute): UpdateStrategy {
    if (!(maxUnavailable instanceof kplus.PercentOrAbsolute)) {
      fail(`UpdateStrategy.rollingUpdateOf needs a kplus.PercentOrAbsolute (PercentOrAbsolute.percent(10) or .absolute(1)), got ${show(maxUnavailable)}`);
    }
    return new UpdateStrategy('RollingUpdate', String(maxUnavailable.value));
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
registerOptionClass('cdk8s-datadog.UpdateStrategy', UpdateStrategy);

/** @internal */
export function resolveResources(path: string, r: ContainerResources | undefined): ResourceRequirements | undefined {
  if (!r) return undefined;
  r = { ...r, ...fromKplus(path, r) };
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

/** The cdk8s-plus forms (`cpu`, `memory`) as quantities; a value set in both forms is an error. */
function fromKplus(path: string, r: ContainerResources): { cpuRequest?: string; cpuLimit?: string; memoryRequest?: string; memoryLimit?: string } {
  const out: { [k: string]: string } = {};
  const take = (key: 'cpuRequest' | 'cpuLimit' | 'memoryRequest' | 'memoryLimit', newPath: string, value: string | undefined) => {
    if (value === undefined) return;
    if (r[key] !== undefined) fail(`${path}.${newPath} and ${path}.${key} set the same value: use ${newPath} only`);
    out[key] = value;
  };
  const cpu = (p: string, c: kplus.Cpu | undefined): string | undefined => {
    if (c === undefined) return undefined;
    if (!(c instanceof kplus.Cpu)) fail(`${path}.${p} must be a kplus.Cpu (Cpu.millis(200), Cpu.units(1)), got ${show(c)}`);
    return c.amount;
  };
  const mem = (p: string, s: Size | undefined): string | undefined => {
    if (s === undefined) return undefined;
    if (!(s instanceof Size)) fail(`${path}.${p} must be a Size (Size.mebibytes(256), Size.gibibytes(1)), got ${show(s)}`);
    let mib: number;
    try {
      mib = s.toMebibytes();
    } catch {
      return fail(`${path}.${p} must be a whole number of mebibytes`);
    }
    return `${mib}Mi`;
  };
  take('cpuRequest', 'cpu.request', cpu('cpu.request', r.cpu?.request));
  take('cpuLimit', 'cpu.limit', cpu('cpu.limit', r.cpu?.limit));
  take('memoryRequest', 'memory.request', mem('memory.request', r.memory?.request));
  take('memoryLimit', 'memory.limit', mem('memory.limit', r.memory?.limit));
  return out;
}

/** @internal */
export function checkLogLevel(path: string, level: LogLevel | undefined): void {
  if (level !== undefined && !Object.values(LogLevel).includes(level)) {
    fail(`${path} must be one of ${Object.values(LogLevel).join(', ')}, got ${show(level)}`);
  }
}
