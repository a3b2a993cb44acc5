#!/usr/bin/env bash
# Puts Backstage's catalog-model JSON Schemas (Entity, EntityMeta, the shared
# definitions and Component) at .venv/share/backstage/ for the test of
# `jobgen ls --format backstage`. The npm package @backstage/catalog-model
# ships them as JavaScript modules; node (which comes with npm) writes them
# out as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.venv/share/backstage
[ -s "$out/Component.v1alpha1.json" ] && exit 0
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm nodejs >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @backstage/catalog-model@1.10.3 >/dev/null && tar xzf backstage-catalog-model-1.10.3.tgz)
mkdir -p "$out"
for schema in Entity EntityMeta shared/common kinds/Component.v1alpha1; do
  name=$(basename "$schema")
  node -e "process.stdout.write(JSON.stringify(require('$tmp/package/dist/schema/$schema.schema.json.cjs.js').default, null, 1))" > "$out/$name.json"
done
echo "Backstage catalog-model schemas in $out"
