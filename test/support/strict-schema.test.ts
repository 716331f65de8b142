/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'fs';
import * as path from 'path';
import { schemaErrors } from './strict-schema';
import { closeObjects, strictSchemaKey, strictSchemaModules } from './strict-schema-build';

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

describe('compiled once, loaded from the cache', () => {
  test('the validators are the generated module under node_modules/.cache, named by the hash of their inputs', () => {
    const files = strictSchemaModules();
    expect(path.relative(path.resolve(__dirname, '../..'), files.common))
      .toBe(path.join('node_modules', '.cache', 'cdk8s-datadog-strict-schema', `${strictSchemaKey()}-common.js`));
    expect(fs.existsSync(files.common) && fs.existsSync(files.all)).toBe(true);
    // The generated code itself, without the schemaErrors wrapper: a typo field is rejected.
    const validate = require(files.common)['apps/v1/DaemonSet'];
    expect(validate(daemonSet())).toBe(true);
    const o: any = daemonSet();
    o.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    expect(validate(o)).toBe(false);
    expect(validate.errors.map((e: any) => e.params.additionalProperty)).toContain('imagePullPolicyy');
  });

  test('kinds this library does not write are just as strict (the full module)', () => {
    const job: any = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    };
    expect(schemaErrors(job)).toEqual([]);
    job.spec.backoffLimitt = 3;
    expect(schemaErrors(job).join()).toMatch(/must NOT have additional properties \(backoffLimitt\)/);
  });

  test('closeObjects closes every schema with properties, leaves maps (additionalProperties) open', () => {
    const closed = closeObjects({
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        spec: { oneOf: [{ properties: { a: { type: 'string' } } }, { type: 'null' }] },
        properties: { type: 'string' },
      },
    });
    expect(closed.additionalProperties).toBe(false);
    expect(closed.properties.labels.additionalProperties).toEqual({ type: 'string' });
    expect(closed.properties.spec.oneOf[0].additionalProperties).toBe(false);
    // A field named `properties` is a field, not a schema keyword.
    expect(closed.properties.properties).toEqual({ type: 'string' });
  });

  test('formats are checked as before (quantity)', () => {
    const o: any = daemonSet();
    o.spec.template.spec.containers[0].resources = { limits: { cpu: 'lots' } };
    expect(schemaErrors(o).join()).toMatch(/must match format "quantity"/);
    o.spec.template.spec.containers[0].resources = { limits: { cpu: '500m', memory: '1Gi' } };
    expect(schemaErrors(o)).toEqual([]);
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
