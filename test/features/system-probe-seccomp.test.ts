import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'yaml';
import { SYSTEM_PROBE_SYSCALLS, systemProbeSeccompJson, systemProbeSeccompProfile } from '../../src/features/system-probe-seccomp';

test('the allow list is sorted, without duplicates, and about 180 syscalls', () => {
  expect([...SYSTEM_PROBE_SYSCALLS]).toEqual([...SYSTEM_PROBE_SYSCALLS].sort());
  expect(new Set(SYSTEM_PROBE_SYSCALLS).size).toBe(SYSTEM_PROBE_SYSCALLS.length);
  expect(SYSTEM_PROBE_SYSCALLS.length).toBeGreaterThan(170);
  for (const s of ['bpf', 'perf_event_open', 'setns', 'openat', 'clone3']) expect(SYSTEM_PROBE_SYSCALLS).toContain(s);
  // Never in the unconditional list: process killing is CWS enforcement's, device nodes GPU's.
  for (const s of ['kill', 'mknod', 'truncate', 'reboot', 'init_module', 'ptrace']) expect(SYSTEM_PROBE_SYSCALLS).not.toContain(s);
});

test('deny by default; setns into network namespaces and signal 0 always allowed', () => {
  const p = systemProbeSeccompProfile({ extraSyscalls: [] });
  expect(p.defaultAction).toBe('SCMP_ACT_ERRNO');
  expect(p.syscalls[0]).toEqual({ names: [...SYSTEM_PROBE_SYSCALLS], action: 'SCMP_ACT_ALLOW', args: null });
  expect(p.syscalls[1]).toMatchObject({ names: ['setns'], action: 'SCMP_ACT_ALLOW', args: [{ index: 1, value: 1073741824, valueTwo: 0, op: 'SCMP_CMP_EQ' }] });
  expect(p.syscalls[2]).toMatchObject({ names: ['kill'], action: 'SCMP_ACT_ALLOW', args: [{ index: 1, value: 0, op: 'SCMP_CMP_EQ' }] });
});

test('the profile is the chart\'s, field for field (chart 3.240.0 render of its default values)', () => {
  const render = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'chart-3.240.0', 'default-values.render.yaml'), 'utf8');
  const security = yaml.parseAllDocuments(render).map(d => d.toJSON()).find(o => o?.kind === 'ConfigMap' && o.metadata.name === 'datadog-security');
  expect(JSON.parse(systemProbeSeccompJson({ extraSyscalls: [] }))).toEqual(JSON.parse(security.data['system-probe-seccomp.json']));
});

test('CWS enforcement adds kill, in sorted position', () => {
  const names = systemProbeSeccompProfile({ extraSyscalls: ['kill'] }).syscalls[0].names;
  expect(names).toContain('kill');
  expect(names).toEqual([...names].sort());
  expect(names.length).toBe(SYSTEM_PROBE_SYSCALLS.length + 1);
});

test('the JSON text is stable', () => {
  expect(systemProbeSeccompJson({ extraSyscalls: [] })).toBe(systemProbeSeccompJson({ extraSyscalls: [] }));
  expect(systemProbeSeccompJson({ extraSyscalls: [] }).endsWith('}\n')).toBe(true);
  expect(systemProbeSeccompJson({ extraSyscalls: [] })).toMatchSnapshot();
});
