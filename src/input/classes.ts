/**
 * The classes whose instances options take (enum-like values and factories), by jsii fqn. The
 * schema says which option takes which; this says how to recognize an instance and how to make
 * one from its name (`"EU1"`) or factory (`{ "fromSecret": "datadog-secret" }`). Each class
 * registers itself from its own module (so this module imports none of them: no import cycle);
 * test/input/classes.test.ts checks that every class the schema mentions is registered.
 */
const REGISTRY = new Map<string, unknown>();

/** Called once by each module that defines an option class. */
export function registerOptionClass(fqn: string, cls: unknown): void {
  REGISTRY.set(fqn, cls);
}

/** The registered option classes, by fqn. */
export function classes(): { [fqn: string]: any } {
  return Object.fromEntries(REGISTRY);
}
