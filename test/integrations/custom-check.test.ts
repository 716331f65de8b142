import { resolveCustomCheck } from '../../src/integrations/custom-check';

test('a custom check becomes <name>.py with its source as given', () => {
  expect(resolveCustomCheck('c', { name: 'my_check2', source: 'print(1)\n' })).toEqual(['my_check2.py', 'print(1)\n']);
});

test('names that are not importable module names fail', () => {
  for (const name of ['My', 'my-check', 'my.check', '_private', '9x', 'a'.repeat(64)]) {
    expect(() => resolveCustomCheck('customChecks[0]', { name, source: 'x' })).toThrow(/customChecks\[0\]\.name must be a Python module name/);
  }
  expect(() => resolveCustomCheck('c', { name: 'x', source: 1 as any })).toThrow(/c\.source must be the check's Python source, got 1/);
});
