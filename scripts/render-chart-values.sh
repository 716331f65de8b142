#!/usr/bin/env bash
# Renders one values file of the chart CI corpus (test/fixtures/chart-3.240.0) the way its README
# documents: the chart at 79f7c74 (chart 3.240.0) from a DataDog/helm-charts git repository, its
# requirements removed (helm wants every subchart on disk even when it is off), then
#   helm template datadog <chart> -n datadog -f <values> --kube-version 1.30.0 > <values>.render.yaml
# Usage: scripts/render-chart-values.sh <values.yaml>...
# Environment: HELM (default: helm on PATH), HELM_CHARTS_GIT (a clone or bare mirror of
# DataDog/helm-charts; default /work/.mirror/DataDog+helm-charts/repo).
set -euo pipefail
COMMIT=79f7c74fd2525288125d943f48b810431dbc8857
HELM="${HELM:-helm}"
REPO="${HELM_CHARTS_GIT:-/work/.mirror/DataDog+helm-charts/repo}"
[ $# -ge 1 ] || { echo "usage: $0 <values.yaml>..." >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$REPO" archive "$COMMIT" charts/datadog | tar -x -C "$tmp"
rm "$tmp/charts/datadog/requirements.yaml" "$tmp/charts/datadog/requirements.lock"
for values in "$@"; do
  out="${values%.yaml}.render.yaml"
  "$HELM" template datadog "$tmp/charts/datadog" -n datadog -f "$values" --kube-version 1.30.0 > "$out"
  echo "$out"
done
