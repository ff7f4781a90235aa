#!/usr/bin/env bash
# Build everything and serve the viewer with a bundled sample: the README's first command.
#
#   bash scripts/run.sh [--port 8080]      (other options go to scripts/serve.mjs)
#
# Installs what is missing (scripts/setup.sh), builds the WASM package into www/pkg/
# (scripts/build-wasm.sh), then serves www/ on localhost and prints the URL. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/build-wasm.sh
exec node scripts/serve.mjs "$@"
