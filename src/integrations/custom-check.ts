import { fail, show } from '../validation';

/**
 * A custom Python check, written to `checks.d/<name>.py`. It runs when a configuration with the
 * same name exists: an `Integration` with `name` equal to this check's name, or an
 * autodiscovery annotation naming it.
 *
 * @example
 * const check: CustomCheck = {
 *   name: 'queue_depth',
 *   source: 'from datadog_checks.base import AgentCheck\n\nclass QueueDepth(AgentCheck):\n    def check(self, instance):\n        self.gauge("queue.depth", 1)\n',
 * };
 */
export interface CustomCheck {
  /**
   * The module name, without `.py`: lowercase letters, digits and `_`, starting with a letter
   * (a Python module name the agent can import), at most 63 characters.
   */
  readonly name: string;
  /** The Python source of the check. */
  readonly source: string;
}

/** Custom check module names: importable, and valid ConfigMap keys once `.py` is added. */
const MODULE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Validates a custom check and returns its ConfigMap entry `[fileName, source]`. @internal */
export function resolveCustomCheck(path: string, cc: CustomCheck): [string, string] {
  if (!cc || typeof cc !== 'object') fail(`${path} must be a CustomCheck ({ name, source }), got ${show(cc)}`);
  if (typeof cc.name !== 'string' || !MODULE_NAME.test(cc.name)) {
    fail(`${path}.name must be a Python module name (lowercase letters, digits and "_", starting with a letter, at most 63 characters, no ".py"), got ${show(cc.name)}`);
  }
  if (typeof cc.source !== 'string' || cc.source.trim() === '') fail(`${path}.source must be the check's Python source, got ${cc.source === '' ? 'an empty string' : show(cc.source)}`);
  return [`${cc.name}.py`, cc.source];
}
