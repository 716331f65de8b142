#!/usr/bin/env bash
# Checks the code jsii-pacmak generated for the other languages (package:codegen-check) as far as
# this machine can without PyPI, Maven Central, NuGet or the Go proxy:
#   - Python: every generated .py file byte-compiles (python3 -m compileall);
#   - Go: gofmt parses every generated .go file, when a Go toolchain is installed (skipped if not);
#   - Java, .NET: only generated (no JDK/Maven or dotnet step here).
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/codegen-check

py=$(find "$out/python" -name '*.py' | wc -l)
[ "$py" -gt 0 ] || { echo "no generated Python under $out/python"; exit 1; }
if command -v python3 >/dev/null; then
  python3 -m compileall -q "$out/python" >/dev/null
  echo "python: $py generated files byte-compile"
else
  echo "python: python3 not installed, skipped"
fi

go=$(find "$out/go" -name '*.go' | wc -l)
[ "$go" -gt 0 ] || { echo "no generated Go under $out/go"; exit 1; }
if command -v gofmt >/dev/null; then
  gofmt -l -e "$out/go" >/dev/null
  echo "go: $go generated files parse (gofmt)"
else
  echo "go: $go files generated; no Go toolchain (gofmt) on this machine, not parsed"
fi
echo "java: $(find "$out/java" -name '*.java' | wc -l) files generated; dotnet: $(find "$out/dotnet" -name '*.cs' | wc -l) files generated (not compiled offline)"
