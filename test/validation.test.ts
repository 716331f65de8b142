import { checkAbsolutePath, checkUnusedWhenOff, checkDnsLabel, checkInt, checkLabelKey, checkLabelValue, checkQuantity, resolveContainerPorts, ValidationError } from '../src/validation';

describe('validation helpers', () => {
  test('checkInt', () => {
    expect(() => checkInt('a.b', 0, 1)).toThrow('a.b must be >= 1, got 0');
    expect(() => checkInt('a.b', 11, 1, 10)).toThrow('a.b must be <= 10, got 11');
    expect(() => checkInt('a.b', NaN, 1)).toThrow('a.b must be an integer, got NaN');
    expect(() => checkInt('a.b', undefined, 1)).not.toThrow();
  });
  test('checkAbsolutePath', () => {
    expect(() => checkAbsolutePath('p', '/a/../b')).toThrow(/p must be an absolute path without ".."/);
    expect(() => checkAbsolutePath('p', '/a b')).toThrow(/absolute path/);
    expect(() => checkAbsolutePath('p', '/var/run')).not.toThrow();
  });
  test('checkDnsLabel', () => {
    expect(() => checkDnsLabel('n', 'a'.repeat(64))).toThrow('n must be at most 63 characters, got 64');
    expect(() => checkDnsLabel('n', 'A')).toThrow(/lowercase RFC 1123 label/);
  });
  test('quantities', () => {
    for (const q of ['100m', '1', '0.5', '256Mi', '1G', '1e3']) expect(() => checkQuantity('q', q)).not.toThrow();
    for (const q of ['lots', '1 Gi', '-', 'Mi']) expect(() => checkQuantity('q', q)).toThrow(/q must be a Kubernetes quantity/);
  });
  test('labels', () => {
    expect(() => checkLabelKey('l', 'example.com/team')).not.toThrow();
    expect(() => checkLabelKey('l', 'Example.com/team')).toThrow(/invalid key/);
    expect(() => checkLabelValue('l', '')).not.toThrow();
    expect(() => checkLabelValue('l', '-x')).toThrow(/invalid value/);
  });
  test('errors are ValidationErrors', () => {
    expect(() => checkInt('x', -1, 0)).toThrow(ValidationError);
  });
});

test('checkUnusedWhenOff: options of a feature that is off name the first one set', () => {
  expect(() => checkUnusedWhenOff('logs', { enabled: false, podLogsPath: '/x' }, false)).toThrow('logs.podLogsPath needs logs.enabled, which is false');
  expect(() => checkUnusedWhenOff('logs', { podLogsPath: '/x' }, true)).not.toThrow();
  expect(() => checkUnusedWhenOff('sbom.containerImage', { uncompressedLayersSupport: true }, false, ['uncompressedLayersSupport'])).not.toThrow();
  expect(() => checkUnusedWhenOff('x', { enabled: false, a: undefined }, false)).not.toThrow();
});

describe('resolveContainerPorts (the one rule for ports given in options)', () => {
  test('IANA service names: a letter, no "--", at most 15 characters', () => {
    expect(resolveContainerPorts('p', [{ name: 'otel-grpc', containerPort: 4317 }])).toEqual([{ name: 'otel-grpc', containerPort: 4317, protocol: 'TCP' }]);
    for (const name of ['1234', 'a--b', 'sixteen-chars-xx', 'Upper', '-a']) expect(() => resolveContainerPorts('p', [{ name, containerPort: 1 }])).toThrow(/p\[0\].name must be an IANA service name/);
    expect(() => resolveContainerPorts('p', [{ name: 'a', containerPort: 1, hostIp: '10.0.0.1' }])).toThrow('p[0].hostIp is not supported');
    expect(() => resolveContainerPorts('p', [{ containerPort: 1 }])).toThrow('p[0].name is required');
  });
});
