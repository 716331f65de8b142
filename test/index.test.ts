import * as api from '../src';

test('the public API contract of the foundation issue is exported', () => {
  for (const name of ['DatadogAgent', 'NodeAgent', 'ClusterAgent', 'ClusterChecksRunner', 'DatadogSite', 'Credentials', 'ContainerRuntime', 'KubeletHost',
    'UpdateStrategy', 'LogLevel', 'ImagePullPolicy', 'TagCardinality', 'KubernetesPlatform', 'Autodiscovery', 'UnifiedServiceTagging', 'Checks', 'ExtraVolume']) {
    expect((api as any)[name]).toBeDefined();
  }
});

test('nothing internal leaks: no resolver, feature object or validation helper is exported', () => {
  const leaked = Object.keys(api).filter(k => /^(resolve|Resolved|check|fail|FEATURES)|Feature$|^[a-z]/.test(k));
  expect(leaked).toEqual([]);
});
