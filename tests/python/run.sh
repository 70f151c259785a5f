#!/usr/bin/env bash
# The Python package as a user gets it: `pip install .` from this repository into a fresh
# virtualenv under target/ (the wheel builds the `reprint` binary with cargo and installs it
# as a script beside the package), then its tests against that installed command.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
VENV="$ROOT/target/py-venv"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet "pytest==8.4.2"
"$VENV/bin/pip" install --quiet .
# From outside the repository, so that `import reprint` is the installed package.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$ROOT/python/tests"
