#!/usr/bin/env bash
# Validates `reprint check --format sarif` against the official SARIF 2.1.0 schema, for a drop
# whose folder and file names hold spaces, `%`, `#` and `:`, with an unreadable record in it.
# Installs its validator (jsonschema, and rfc3987 for the uri formats) from PyPI into a
# virtualenv under target/. Needs target/release/reprint (the README's test command builds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$PWD/target/release/reprint"
[ -x "$BIN" ] || cargo build --release --locked
VENV="$PWD/target/sarif-venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "jsonschema==4.26.0" "rfc3987==1.3.8"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
text="Officials said on Tuesday that the river bridge would close for repairs through the winter, with traffic sent over the old rail crossing to the north of the town centre.\n\nThe council approved the plan after a long debate about the cost of the work and the effect on shops along the river road during the busiest months of the year."
mkdir -p "$WORK/sp ace"
printf '{"id": "h1", "source": "wire.example", "date": "2024-01-01", "text": "%s"}\n' "$text" >"$WORK/history.jsonl"
{
  printf '{"id": "d1 <x> #1", "source": "copy.example", "date": "2024-01-02", "text": "%s"}\n' "$text"
  printf '{"id": "broken"\n'
} >"$WORK/sp ace/drop 50% #1:a.jsonl"
cd "$WORK"
"$BIN" --isolated index add --index idx.db history.jsonl -q
status=0
"$BIN" --isolated check --index idx.db "sp ace/drop 50% #1:a.jsonl" --format sarif -q >out.sarif || status=$?
if [ "$status" -ne 2 ]; then
  echo "sarif: expected exit 2 (an unreadable record), got $status" >&2
  exit 1
fi
grep -q 'sp%20ace/drop%2050%25%20%231%3Aa.jsonl' out.sarif
"$VENV/bin/python" "$OLDPWD/tests/sarif/validate.py" out.sarif
