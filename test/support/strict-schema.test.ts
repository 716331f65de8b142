import { schemaErrors } from './strict-schema';

const daemonSet = () => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'x' },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }] }] } },
  },
});

describe('strict Kubernetes 1.27 schema', () => {
  test('a valid object passes', () => {
    expect(schemaErrors(daemonSet())).toEqual([]);
  });

  test('a misspelled field fails (unknown fields are rejected)', () => {
    const o: any = daemonSet();
    o.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    expect(schemaErrors(o).join()).toMatch(/must NOT have additional properties \(imagePullPolicyy\)/);
  });

  test('a misspelled top-level spec field fails', () => {
    const o: any = daemonSet();
    o.spec.updateStrategyy = {};
    expect(schemaErrors(o).join()).toMatch(/updateStrategyy/);
  });

  test('wrong types fail', () => {
    const o: any = daemonSet();
    o.spec.template.spec.containers[0].ports[0].containerPort = '80';
    expect(schemaErrors(o).join()).toMatch(/containerPort must be integer/);
  });

  test('fields newer than 1.27 fail (appArmorProfile is 1.30)', () => {
    const o: any = daemonSet();
    o.spec.template.spec.containers[0].securityContext = { appArmorProfile: { type: 'Unconfined' } };
    expect(schemaErrors(o).join()).toMatch(/appArmorProfile/);
  });

  test('an unknown kind has no schema', () => {
    expect(() => schemaErrors({ apiVersion: 'example.com/v1', kind: 'Widget' })).toThrow(/no Kubernetes 1.27 schema/);
  });
});

describe('API server rules beyond the schema (checked by helpers.synth)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { apiServerErrors } = require('./helpers');
  test('allowPrivilegeEscalation: false with SYS_ADMIN is refused', () => {
    const o: any = daemonSet();
    o.spec.template.spec.containers[0].securityContext = { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } };
    expect(apiServerErrors(o).join()).toMatch(/allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN/);
  });
  test('duplicate ports, containers and volumes are refused', () => {
    const o: any = daemonSet();
    const c = o.spec.template.spec.containers[0];
    c.ports.push({ containerPort: 80 });
    o.spec.template.spec.containers.push({ ...c, ports: [] });
    o.spec.template.spec.volumes = [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }];
    expect(apiServerErrors(o)).toHaveLength(3);
  });
});
