#!/usr/bin/env bash
# Synthesizes every example app under examples/ with cdk8s-cli, as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for dir in examples/*/; do
  name=$(basename "$dir")
  [ -f "$dir/cdk8s.yaml" ] || continue
  rm -rf "$dir/dist"
  if (cd "$dir" && npx cdk8s synth --check-upgrade false >/tmp/cdk8s-synth-"$name".log 2>&1); then
    count=$(find "$dir/dist" -name "*.yaml" -exec cat {} + | grep -c "^kind:" || true)
    echo "example $name: ok ($count objects in examples/$name/dist/)"
  else
    echo "example $name: FAILED"; cat /tmp/cdk8s-synth-"$name".log; status=1
  fi
done
exit $status
