#!/usr/bin/env bash
# Consumer smoke test: what README "Install into your project" tells a user to do, for real.
# Packs this library (lib/ must be compiled: `npx projen compile`, done by `npx projen build`),
# creates a fresh cdk8s project in a temp directory with exactly the README's package.json,
# tsconfig.json, cdk8s.yaml and main.ts, installs the tarball, runs `npx cdk8s synth` and checks:
#   - the YAML has the node agent DaemonSet and the Cluster Agent Deployment;
#   - install-info names this version;
#   - synth printed no HTTP error (the update check is off);
#   - a stack trace of a validation error points at src/*.ts files that exist in the package.
# Versions can be overridden to try others: TYPESCRIPT=6.0.3 bash scripts/consumer-smoke.sh
# Needs the npm registry (or a warm npm cache) for the consumer's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$(date +%s)

TYPESCRIPT=${TYPESCRIPT:-~5.9.3}
TS_NODE=${TS_NODE:-^10.9.2}
CDK8S_CLI=${CDK8S_CLI:-2.207.60}
TYPES_NODE=${TYPES_NODE:-^20}

[ -f lib/index.js ] && [ -f .jsii ] || { echo "compile first: npx projen compile"; exit 1; }
work=$(mktemp -d /tmp/cdk8s-datadog-consumer.XXXXXX)
trap 'rm -rf "$work"' EXIT
version=$(node -p 'require("./package.json").version')
npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/cdk8s-datadog-*.tgz)
echo "packed $(basename "$tarball"): $(du -k "$tarball" | cut -f1) KB"

app="$work/app"
mkdir -p "$app"
cd "$app"
# --- the files README "Install into your project" shows (keep the two in sync) ---
cat > package.json <<JSON
{
  "name": "my-datadog-app",
  "private": true,
  "scripts": { "synth": "cdk8s synth --no-check-upgrade" },
  "dependencies": {
    "cdk8s": "^2.70.106",
    "cdk8s-datadog": "file:$tarball",
    "cdk8s-plus-27": "^2.9.5",
    "constructs": "^10.4.2"
  },
  "devDependencies": {
    "@types/node": "$TYPES_NODE",
    "cdk8s-cli": "$CDK8S_CLI",
    "ts-node": "$TS_NODE",
    "typescript": "$TYPESCRIPT"
  }
}
JSON
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["main.ts"]
}
JSON
cat > cdk8s.yaml <<'YAML'
language: typescript
app: npx ts-node main.ts
output: dist
YAML
cat > main.ts <<'TS'
import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent, DatadogSite } from 'cdk8s-datadog';

const app = new App();
const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
new DatadogAgent(chart, 'datadog', {
  credentials: Credentials.fromSecret('datadog-secret'),
  site: DatadogSite.EU1,
  clusterName: 'my-cluster',
});
app.synth();
TS
# --- end of the README files ---

t0=$(date +%s)
npm install --no-audit --no-fund --prefer-offline --loglevel=error >install.log 2>&1 || { cat install.log; exit 1; }
echo "npm install: $(( $(date +%s) - t0 )) s ($(node -p 'require("typescript/package.json").version') typescript, ts-node $(node -p 'require("ts-node/package.json").version'), cdk8s-cli $(node -p 'require("cdk8s-cli/package.json").version'))"

t0=$(date +%s)
npx cdk8s synth --no-check-upgrade >synth.out 2>synth.err || { cat synth.out synth.err; exit 1; }
echo "cdk8s synth: $(( $(date +%s) - t0 )) s"
yaml=dist/datadog.k8s.yaml
grep -q '^kind: DaemonSet' "$yaml" || { echo "no DaemonSet in $yaml"; exit 1; }
grep -q '^kind: Deployment' "$yaml" || { echo "no Deployment in $yaml"; exit 1; }
grep -q "tool_version: cdk8s-datadog-$version" "$yaml" || { echo "install-info does not name $version"; exit 1; }
if grep -qi 'http error\|ENOTFOUND\|new version' synth.out synth.err; then
  echo "synth printed an update-check error:"; cat synth.out synth.err; exit 1
fi
echo "synth output: $(grep -c '^kind:' "$yaml") objects in $yaml"

# A validation error's stack trace, with source maps: it must name src/*.ts files that ship.
cat > bad.js <<'JS'
const { App, Chart } = require('cdk8s');
const { Credentials, DatadogAgent } = require('cdk8s-datadog');
new DatadogAgent(new Chart(new App(), 'c', { namespace: 'datadog' }), 'dd', {
  credentials: Credentials.fromSecret('datadog-secret'), clusterAgent: { replicas: 0 },
});
JS
node --enable-source-maps bad.js >trace.txt 2>&1 && { echo "bad.js did not fail"; exit 1; }
src=$(grep -o 'node_modules/cdk8s-datadog/src/[a-z/-]*\.ts' trace.txt | head -1 || true)
[ -n "$src" ] && [ -f "$src" ] || { echo "stack trace does not point at a shipped src/*.ts file:"; cat trace.txt; exit 1; }
echo "stack trace points at $src (shipped)"

cd "$root"
echo "consumer smoke passed in $(( $(date +%s) - start )) s"
