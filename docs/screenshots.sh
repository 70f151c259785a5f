#!/usr/bin/env bash
# Regenerates the screenshots of the README and docs/report-and-diff.md (docs/*.png) with
# reprint's own commands on the seeds, rendered by headless Chromium.
# Usage: docs/screenshots.sh   (CHROMIUM=/path/to/chromium to choose the browser)
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "no chromium found (Debian: apt-get install chromium)" >&2; exit 1; }
cargo build --release --locked -q
BIN=target/release/reprint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# The report on the seeds: its first screen, and the page of article 004 (one article a page).
"$BIN" -q report seeds --html "$T/report.html"
"$BIN" -q report seeds --html "$T/pages" --split-above 0 --page-size 1
# Who copies whom: three outlets printing the same stories a day or two apart.
python3 tests/browser/outlets.py "$T/outlets.jsonl"
(cd "$T" && "$OLDPWD/$BIN" -q report outlets.jsonl --html copying.html)
# The diff of a wire story and its later copy, which changes one word.
"$BIN" -q diff tests/fixtures/word_diff/wire.jsonl tests/fixtures/word_diff/daily.jsonl --html "$T/diff.html"

shot() { # FILE OUT.png WIDTH HEIGHT
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/profile" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --virtual-time-budget=3000 --screenshot="$2" "file://$1" >/dev/null 2>&1
  echo "wrote $2 ($(wc -c <"$2") bytes)"
}
shot "$T/report.html" docs/report.png 1100 1250
shot "$T/pages/articles-0005.html" docs/report-article.png 1100 2450
shot "$T/diff.html" docs/diff.png 1100 1180
shot "$T/copying.html" docs/report-copying.png 1100 1700
