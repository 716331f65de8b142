#!/usr/bin/env bash
# Proves a refactor changed no output: synthesizes every example with cdk8s-cli and prints a
# SHA-256 of each manifest, plus one over every committed snapshot. Run it before and after:
#   bash scripts/checksum-output.sh > /tmp/before.txt   ...   bash scripts/checksum-output.sh | diff /tmp/before.txt -
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/synth-examples.sh >/dev/null
find examples -path '*/dist/*' -name '*.yaml' | sort | xargs sha256sum
echo "$(find test -name '*.snap' | sort | xargs cat | sha256sum | cut -d' ' -f1)  test/**/*.snap"
