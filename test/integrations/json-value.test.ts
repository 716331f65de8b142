import { canonicalJson, checksumOf } from '../../src/integrations/json-value';

test('sorts object keys at every depth, keeps list order, drops undefined members', () => {
  const out = canonicalJson('x', { b: 1, a: { d: [3, { z: 1, y: null }], c: true }, u: undefined });
  expect(JSON.stringify(out)).toBe('{"a":{"c":true,"d":[3,{"y":null,"z":1}]},"b":1}');
});

test('returns a copy: later changes to the input do not leak in', () => {
  const input: any = { tags: ['a'] };
  const out = canonicalJson('x', input);
  input.tags.push('b');
  expect(out).toEqual({ tags: ['a'] });
});

test('rejects what JSON cannot carry, naming the path', () => {
  expect(() => canonicalJson('v', { a: [1, NaN] })).toThrow(/v\.a\[1\] must be a JSON value .*got NaN/);
  expect(() => canonicalJson('v', { 'a-b': -Infinity })).toThrow(/v\["a-b"\] must be a JSON value .*got -Infinity/);
  expect(() => canonicalJson('v', [undefined])).toThrow(/v\[0\] must be a JSON value .*got undefined/);
  expect(() => canonicalJson('v', { s: Symbol('s') })).toThrow(/v\.s must be a JSON value .*got a symbol/);
  expect(() => canonicalJson('v', { m: new Map() })).toThrow(/v\.m must be a JSON value .*got an instance of Map/);
  const a: any[] = [];
  a.push(a);
  expect(() => canonicalJson('v', a)).toThrow(/v\[0\] must be a JSON value .*got a circular reference/);
});

test('accepts objects without a prototype', () => {
  const o = Object.create(null);
  o.k = 'v';
  expect(canonicalJson('v', o)).toEqual({ k: 'v' });
});

test('checksums do not depend on key order, and change with content', () => {
  expect(checksumOf({ a: '1', b: '2' })).toBe(checksumOf({ b: '2', a: '1' }));
  expect(checksumOf({ a: '1', b: '2' })).not.toBe(checksumOf({ a: '1', b: '3' }));
  // File boundaries count: moving text between files is a change.
  expect(checksumOf({ a: '12', b: '' })).not.toBe(checksumOf({ a: '1', b: '2' }));
});
