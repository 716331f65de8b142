#!/usr/bin/env bash
# API compatibility against the last release, with jsii-diff.
#
# Policy (semantic versioning, README "Versioning"):
#   - 1.0 and later: no breaking API change in a minor or patch release;
#   - before 1.0 (every type is `experimental`): breaking changes only in a minor release
#     (0.3.x -> 0.4.0), never in a patch release.
# jsii-diff only reports experimental APIs unless told otherwise, so where a break is not allowed
# it runs with --experimental-errors.
#
# Nothing released yet (no v* tag): nothing to compare, exit 0. The new version is
# dist/version.txt when `npx projen release` bumped it, else package.json's.
set -euo pipefail
cd "$(dirname "$0")/.."

prev=$(git describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null || true)
if [ -z "$prev" ]; then
  echo "compat: no release tag (v*) yet, nothing to compare against"
  exit 0
fi
prev=${prev#v}
if [ -f dist/version.txt ]; then next=$(cat dist/version.txt); else next=$(node -p 'require("./package.json").version'); fi
IFS=. read -r pmaj pmin _ <<<"$prev"
IFS=. read -r nmaj nmin _ <<<"$next"

if [ "$pmaj" = "$nmaj" ] && { [ "$nmaj" != 0 ] || [ "$pmin" = "$nmin" ]; }; then
  echo "compat: $prev -> $next must not break the API"
  flags=(--experimental-errors)
else
  echo "compat: $prev -> $next may break the API; listing the changes only"
  flags=()
fi

npx jsii-diff "npm:cdk8s-datadog@$prev" . -k --ignore-file .compatignore "${flags[@]}"
