#!/usr/bin/env bash
# Second half of a release (README "Versioning and releases"): `npx projen release` bumped the version from the
# conventional commits since the last tag, built and checked the package (dist/js/*.tgz) and wrote
# this release's changelog entry to dist/changelog.md. This keeps the entry in CHANGELOG.md,
# commits it and tags the release. Publishing (`npm publish dist/js/*.tgz`) stays a manual step.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/version.txt ] && [ -f dist/changelog.md ] || { echo "run 'npx projen release' first"; exit 1; }
version=$(cat dist/version.txt)
tag="v$version"
git rev-parse -q --verify "refs/tags/$tag" >/dev/null && { echo "$tag already exists"; exit 1; }
[ -z "$(git status --porcelain)" ] || { echo "the working tree is not clean"; exit 1; }
{
  echo "# Changelog"
  echo
  cat dist/changelog.md
  echo
  [ -f CHANGELOG.md ] && tail -n +2 CHANGELOG.md
} > CHANGELOG.md.new
mv CHANGELOG.md.new CHANGELOG.md
git add CHANGELOG.md
git commit -m "chore(release): $version"
git tag -a "$tag" -m "$tag"
echo "tagged $tag; publish with: npm publish dist/js/cdk8s-datadog@$version.jsii.tgz"
