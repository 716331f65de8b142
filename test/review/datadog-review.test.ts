import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, JsonPatch } from 'cdk8s';
import { REVIEW_TOPOLOGIES } from './topologies';
import { Credentials, DatadogAgent, DatadogReview } from '../../src';
import { ruleText } from '../../src/review/report';
import { SECRET, synth, testChart } from '../support/helpers';

/** An installation with a review, its synthesized objects (strictly validated) and the report. */
function reviewed(props: any = {}) {
  const chart = testChart();
  const agent = new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...props });
  const review = new DatadogReview(agent);
  const objects = synth(chart);
  return { objects, review, md: review.markdown, json: JSON.parse(review.json) };
}

describe.each(REVIEW_TOPOLOGIES)('%s', (_name, props) => {
  const { objects, md, json } = reviewed(props);
  const workloads = objects.filter(o => o.spec?.template?.spec);

  test('markdown snapshot', () => {
    expect(md).toMatchSnapshot();
  });

  test('every container, image and privilege in the manifests is in the report', () => {
    for (const w of workloads) {
      const spec = w.spec.template.spec;
      const rw = json.workloads.find((x: any) => x.kind === w.kind && x.name === w.metadata.name);
      expect(rw).toBeDefined();
      expect(md).toContain(`### ${w.kind}/${w.metadata.name}`);
      expect({ w: w.metadata.name, hostPID: rw.hostPID, hostNetwork: rw.hostNetwork, hostIPC: rw.hostIPC })
        .toEqual({ w: w.metadata.name, hostPID: !!spec.hostPID, hostNetwork: !!spec.hostNetwork, hostIPC: !!spec.hostIPC });
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        const rc = rw.containers.find((x: any) => x.name === c.name);
        expect(rc.image).toEqual(c.image);
        expect(md).toContain(`\`${c.image}\``);
        expect(rc.privileged).toEqual(c.securityContext?.privileged === true);
        for (const cap of c.securityContext?.capabilities?.add ?? []) {
          expect(rc.capabilitiesAdded).toContain(cap);
          expect(md).toMatch(new RegExp(`\\| ${c.name}( \\(init\\))? \\|[^\\n]*add [^\\n|]*\\b${cap}\\b`));
        }
      }
    }
  });

  test('every host path with its access, and every host port, is in the report', () => {
    let seen = 0;
    for (const w of workloads) {
      const spec = w.spec.template.spec;
      const rw = json.workloads.find((x: any) => x.kind === w.kind && x.name === w.metadata.name);
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        const rc = rw.containers.find((x: any) => x.name === c.name);
        for (const m of c.volumeMounts ?? []) {
          const v = spec.volumes.find((x: any) => x.name === m.name);
          if (!v.hostPath) continue;
          seen++;
          const hostPath = v.hostPath.path + (m.subPath ? `/${m.subPath}` : '');
          const access = m.readOnly ? 'RO' : 'RW';
          expect(rc.hostPaths).toContainEqual({ hostPath, mountPath: m.mountPath, access });
          expect(md).toContain(`| \`${hostPath}\` | \`${m.mountPath}\` | ${access === 'RW' ? '**RW**' : 'RO'} | ${c.name} |`);
        }
        for (const p of (c.ports ?? []).filter((x: any) => x.hostPort !== undefined)) {
          seen++;
          expect(rc.hostPorts).toContain(`${p.hostPort}/${p.protocol ?? 'TCP'}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  test('every RBAC rule bound to a ServiceAccount is in the report, under that ServiceAccount', () => {
    let seen = 0;
    for (const b of objects.filter(o => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')) {
      const role = objects.find(o => o.kind === b.roleRef.kind && o.metadata.name === b.roleRef.name
        && (b.roleRef.kind === 'ClusterRole' || o.metadata.namespace === b.metadata.namespace));
      for (const s of b.subjects.filter((x: any) => x.kind === 'ServiceAccount')) {
        const sa = json.serviceAccounts.find((x: any) => x.name === s.name);
        if (!sa) continue; // a subject this installation does not create (none today)
        const section = md.slice(md.indexOf(`### ${s.name}\n`));
        for (const r of role?.rules ?? []) {
          seen++;
          const expected = {
            apiGroups: r.apiGroups ?? [],
            resources: r.resources ?? [],
            nonResourceURLs: r.nonResourceURLs ?? [],
            resourceNames: r.resourceNames ?? [],
            verbs: r.verbs,
          };
          const found = sa.rules.find((x: any) => x.role === `${b.roleRef.kind}/${b.roleRef.name}`
            && JSON.stringify([x.apiGroups, x.resources, x.nonResourceURLs, x.resourceNames, x.verbs])
            === JSON.stringify([expected.apiGroups, expected.resources, expected.nonResourceURLs, expected.resourceNames, expected.verbs]));
          expect(found).toBeDefined();
          expect(section).toContain(ruleText(found).replace(/\|/g, '\\|'));
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  test('every Secret reference is listed with its key', () => {
    for (const w of workloads) {
      for (const c of [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers]) {
        for (const e of (c.env ?? []).filter((x: any) => x.valueFrom?.secretKeyRef)) {
          const s = json.secrets.find((x: any) => x.name === e.valueFrom.secretKeyRef.name);
          expect(s.keys).toContain(e.valueFrom.secretKeyRef.key);
        }
      }
    }
  });

  test('deterministic: a second render gives the same bytes', () => {
    const again = reviewed(props);
    expect(again.md).toEqual(md);
    expect(JSON.stringify(again.json)).toEqual(JSON.stringify(json));
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});

test('app.synth() writes datadog-review.md and .json next to the manifests', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'review-'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  const review = new DatadogReview(new DatadogAgent(chart, 'datadog', { credentials: SECRET }));
  app.synth();
  expect(readdirSync(outdir).sort()).toEqual(['datadog-review.json', 'datadog-review.md', 'datadog.k8s.yaml']);
  expect(readFileSync(join(outdir, 'datadog-review.md'), 'utf8')).toEqual(review.markdown);
  expect(readFileSync(join(outdir, 'datadog-review.json'), 'utf8')).toEqual(review.json);
});

test('two installations in one app: one report each, named by installation', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'review-'));
  const app = new App({ outdir });
  for (const id of ['eu', 'us']) {
    const chart = new Chart(app, id, { namespace: 'datadog' });
    new DatadogReview(new DatadogAgent(chart, 'datadog', { credentials: SECRET }));
  }
  app.synth();
  expect(readdirSync(outdir).filter(f => f.includes('review')).sort())
    .toEqual(['datadog-review.eu-datadog.json', 'datadog-review.eu-datadog.md', 'datadog-review.us-datadog.json', 'datadog-review.us-datadog.md']);
});

test('the report follows JSON patches applied to the objects (it reads the output, not the options)', () => {
  const chart = testChart();
  const agent = new DatadogAgent(chart, 'datadog', { credentials: SECRET });
  const review = new DatadogReview(agent);
  agent.nodeAgent.daemonSet.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
  const json = JSON.parse(review.json);
  expect(json.workloads.find((w: any) => w.kind === 'DaemonSet').hostNetwork).toBe(true);
});

test('Windows containers: the user they run as is the Windows user their security context names', () => {
  const { json, md } = reviewed({ windowsNodes: { enabled: true } });
  const win = json.workloads.find((w: any) => w.name === 'datadog-windows');
  expect(win.containers.map((c: any) => [c.name, c.runAsUser])).toEqual(
    ['init-volume', 'init-config', 'agent', 'trace-agent', 'process-agent'].map(n => [n, 'ContainerAdministrator']));
  expect(md).toContain('ContainerAdministrator');
});

test('flags: secrets, cluster-wide writes, nodes/proxy', () => {
  const { json } = reviewed({ kubeStateMetricsCore: { collectSecretMetrics: true } });
  expect(json.flagged).toEqual(expect.arrayContaining([
    'datadog: nodes/proxy: nodes/metrics,nodes/spec,nodes/proxy,nodes/stats → get',
    expect.stringMatching(/^datadog-cluster-agent: secrets \(every namespace\): secrets,configmaps,/),
    'datadog-cluster-agent: secrets (named): secrets [webhook-certificate] → get,list,watch,update',
    'datadog-cluster-agent: cluster-wide write: configmaps → create',
  ]));
  // by default, no component can read a Secret it does not name
  expect(reviewed().json.flagged.filter((f: string) => /secrets \((every|whole) namespace\)/.test(f))).toEqual([]);
});

test('runtime objects come from the RBAC: leader election, event token, webhook configurations', () => {
  const { json } = reviewed();
  expect(json.runtimeObjects.map((o: any) => `${o.kind}/${o.name}`)).toEqual(expect.arrayContaining([
    'ConfigMap/datadog-leader-election', 'Lease/datadog-leader-election', 'ConfigMap/datadogtoken',
    'MutatingWebhookConfiguration/datadog-webhook', 'ValidatingWebhookConfiguration/datadog-webhook',
    'Secret/webhook-certificate',
  ]));
});

test('Credentials.fromValues: the Secret is listed as created here, its values are not shown', () => {
  const { md } = reviewed({ credentials: Credentials.fromValues({ apiKey: '0123456789abcdef0123456789abcdef' }) });
  expect(md).toContain('(created by these manifests)');
  expect(md).not.toContain('0123456789abcdef0123456789abcdef');
});

test('no Secret value appears, even for Secrets the manifests create (Credentials.fromValues)', () => {
  const chart = testChart();
  const agent = new DatadogAgent(chart, 'datadog', { credentials: Credentials.fromValues({ apiKey: 'f'.repeat(32), appKey: 'a'.repeat(40) }) });
  const review = new DatadogReview(agent);
  const secrets = synth(chart).filter(o => o.kind === 'Secret');
  expect(secrets.length).toBe(1);
  const values = Object.values<string>(secrets[0].data).flatMap(v => [v, Buffer.from(v, 'base64').toString()]);
  expect(values).toContain('f'.repeat(32));
  for (const v of values) {
    expect(review.markdown).not.toContain(v);
    expect(review.json).not.toContain(v);
  }
  expect(review.markdown).toContain('created by these manifests');
});
