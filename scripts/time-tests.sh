#!/usr/bin/env bash
# Benchmark (not a test): wall seconds of jest alone and of the everyday `npx projen test`
# (jest + eslint). Run it on an otherwise idle machine; `npx projen bench:tests`.
# Usage: scripts/time-tests.sh [runs]   (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
runs="${1:-1}"

secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'; }

# Warm the strict-schema cache and ts-jest's transform cache, as everyday runs find them.
npx jest --ci >/dev/null 2>&1 || { echo "jest fails: run npx projen test" >&2; exit 1; }

echo "cores: $(nproc)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  j=$(secs npx jest --ci)
  t=$(secs npx projen test)
  printf 'run %d: jest %6.1f s   npx projen test %6.1f s\n' "$i" "$j" "$t"
done
