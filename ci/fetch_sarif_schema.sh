#!/usr/bin/env bash
# Puts the SARIF 2.1.0 JSON Schema (2.1.0-rtm.5, the schema of the OASIS
# standard) at .venv/share/sarif-2.1.0.json for the lint SARIF test. The npm
# package @microsoft/jest-sarif ships it; npm is the only client needed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.venv/share/sarif-2.1.0.json
[ -s "$out" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz)
mkdir -p "$(dirname "$out")"
cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$out"
echo "SARIF schema at $out"
