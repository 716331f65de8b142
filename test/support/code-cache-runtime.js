/**
 * jest `runtime`: jest's own runtime, except that a module's compiled code is kept per worker and
 * reused by the next test files that load the same module (V8 code cache).
 *
 * Why: jest gives every test file a fresh module registry, so each of the ~125 test files compiles
 * cdk8s-plus-27 (its generated k8s.js alone is 2.5 MB), cdk8s, yaml, src/ and the strict-schema
 * validators again, and V8 compiles every function they call again. That compiling was about a third
 * of the suite's CPU time. Here a module is compiled as a vm.Script (the wrapper jest used before it
 * moved to vm.compileFunction), and from the second test file on, the Script gets the code cache the
 * first one produced after it ran (so it holds the functions that were compiled lazily too).
 *
 * Only compilation changes: every test file still gets its own context and module registry, each
 * module is still evaluated once per test file, and the cache is keyed by file name and checked
 * against the exact (transformed) source, so an edited file is compiled afresh. V8 itself rejects
 * cached data that does not match the source or its flags; then the module is compiled normally.
 * `JEST_CODE_CACHE=0` turns it off (jest's plain runtime).
 *
 * Plain JavaScript: jest requires the runtime without transforming it.
 */
/* eslint-disable */
'use strict';
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

/** file name -> { source, data: code cache, first: the first Script, until its cache is taken } */
const cache = new Map();
const WRAPPER_KEY = '__cdk8sDatadogJestModule';

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    if (process.env.JEST_CODE_CACHE === '0') return;
    const executor = this.executor;
    if (!executor || typeof executor.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) {
      throw new Error('test/support/code-cache-runtime.js: this jest-runtime has no ModuleExecutor.compile; update the runtime or set JEST_CODE_CACHE=0');
    }
    const jestCompile = executor.compile;
    executor.compile = function compile(scriptSource, filename) {
      const vmContext = this.environment.getVmContext();
      if (vmContext == null || this.resolution.isCoreModule(filename)) return jestCompile.call(this, scriptSource, filename);
      let entry = cache.get(filename);
      if (entry && entry.source !== scriptSource) {
        cache.delete(filename);
        entry = undefined;
      }
      if (entry && entry.first) {
        // The first test file has run this module by now: its cache includes what V8 compiled lazily.
        entry.data = entry.first.createCachedData();
        entry.first = undefined;
      }
      let script;
      try {
        // On one line with the module's first line, so line numbers (and source maps) stay right.
        script = new vm.Script(`({"${WRAPPER_KEY}":function(${this.injectedModuleParameters.join(',')}){${scriptSource}\n}});`, {
          filename,
          cachedData: entry ? entry.data : undefined,
          importModuleDynamically: (specifier, _script, importAttributes, ...rest) =>
            this.dynamicImport(specifier, filename, vmContext, importAttributes, rest[0]),
        });
      } catch (error) {
        // A syntax error (or ESM): jest's own compile reports it the way jest does.
        return jestCompile.call(this, scriptSource, filename);
      }
      if (!entry) {
        cache.set(filename, { source: scriptSource, first: script });
      } else if (script.cachedDataRejected) {
        cache.set(filename, { source: scriptSource, first: script });
      }
      return script.runInContext(vmContext)[WRAPPER_KEY];
    };
  }
}

module.exports = CodeCachingRuntime;
