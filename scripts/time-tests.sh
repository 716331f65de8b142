#!/usr/bin/env bash
# Benchmark (not a test): wall seconds of jest alone and of the everyday `npx projen test`
# (jest + eslint), with the CPU seconds they used (user + sys; on a machine shared with other
# work, CPU is the steadier number). `npx projen bench:tests`.
# Usage: scripts/time-tests.sh [runs]   (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
runs="${1:-1}"

# Prints "<wall> <cpu>" in seconds for a command, its output discarded; fails if it fails.
measure() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || { echo "failed: $*" >&2; exit 1; }
  awk '{ printf "%6.1f s wall %6.1f s CPU", $1, $2 + $3 }' <<<"$t"
}

# Warm the strict-schema cache and ts-jest's transform cache, as everyday runs find them.
npx jest --ci >/dev/null 2>&1 || { echo "jest fails: run npx projen test" >&2; exit 1; }

echo "cores: $(nproc)  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  echo "run $i: jest            $(measure npx jest --ci)"
  echo "run $i: npx projen test $(measure npx projen test)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
