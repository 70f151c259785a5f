#!/usr/bin/env bash
# The browser test: renders reprint's HTML report and diff pages in headless Chromium and checks
# the rendered DOM: the shared photo credit highlighted (<mark>), one section per article, the
# boilerplate and footer paragraphs marked, hostile text inert, and the page script run without
# errors. It also keeps a screenshot of each page (in $BROWSER_OUT when set), and on the diff of
# a one-word edit checks that the edit marks were painted: the screenshot holds pixels of the
# colours of <del> and <ins> (tests/browser/colours.py, Python's standard library only).
# It also checks the who-copies-whom matrix and the outlet bars of a corpus of three outlets
# copying each other, with the copied text of the origins in its own colour (copying.png).
#
# Run by .ci/run; it is not part of `cargo test`, so the tests run without Chromium.
# Usage: tests/browser/run.sh   (CHROMIUM=/path/to/chromium to choose the browser)
set -euo pipefail
cd "$(dirname "$0")/../.."

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  echo "browser test: no chromium found (Debian: apt-get install chromium)" >&2
  exit 1
fi
cargo build --release --locked -q
BIN=target/release/reprint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
OUT=${BROWSER_OUT:-$T/shots}
mkdir -p "$OUT" "$T/corpus"

# The corpus: the seeds and one hostile article.
cp seeds/*.txt "$T/corpus/"
printf 'Hostile <script>alert(1)</script> title\n\nA paragraph with "><img src=x onerror=alert(2)> and </style> inside it, long enough to count as text.\n' \
  >"$T/corpus/hostile.txt"
"$BIN" -q report "$T/corpus" --html "$T/report.html"
"$BIN" -q report "$T/corpus" --html "$T/folder" --split-above 2 --page-size 3
# Who copies whom: three outlets, each seed article first printed by one of them and copied
# by the next ones a day or two later.
python3 tests/browser/outlets.py "$T/outlets.jsonl"
"$BIN" -q report "$T/outlets.jsonl" --html "$T/copying.html"
"$BIN" -q diff seeds/000_f2344ac8b70918d0.txt seeds/004_faff4caeb2184804.txt --html "$T/diff.html"
# A wire story and its later copy that changes "dictator" to "leader".
"$BIN" -q diff tests/fixtures/word_diff/wire.jsonl tests/fixtures/word_diff/daily.jsonl --html "$T/edits.html"

FAILED=0
fail() { echo "browser test: $*" >&2; FAILED=1; }

# render FILE NAME: the DOM after scripts ran into $T/NAME.dom, the console into $T/NAME.log,
# a screenshot into $OUT/NAME.png.
render() {
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
               --disable-component-update --disable-sync --user-data-dir="$T/profile"
               --enable-logging=stderr --v=0 --window-size=1280,1400 --virtual-time-budget=5000)
  timeout 90 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$1" >"$T/$2.dom" 2>"$T/$2.log" \
    || fail "$2: chromium failed (--dump-dom)"
  timeout 90 "$CHROMIUM" "${flags[@]}" --screenshot="$OUT/$2.png" "file://$1" >/dev/null 2>>"$T/$2.log" \
    || fail "$2: chromium failed (--screenshot)"
  [ "$(wc -c <"$OUT/$2.png" 2>/dev/null || echo 0)" -gt 20000 ] || fail "$2: no screenshot"
  # Console messages from the page: an uncaught error, or anything the page's own
  # Content-Security-Policy refused to load.
  if grep -E 'CONSOLE|Uncaught|Refused to' "$T/$2.log" >"$T/$2.console"; then
    fail "$2: the console reports: $(head -c 400 "$T/$2.console")"
  fi
  grep -q '<html lang="en" data-js="ok"' "$T/$2.dom" || fail "$2: the page script did not run to its end"
}

# has NAME PATTERN WHAT / count NAME PATTERN N WHAT: checks on a rendered DOM.
has() { grep -qF -- "$2" "$T/$1.dom" || fail "$1: $3 (no $2)"; }
hasnt() { if grep -qF -- "$2" "$T/$1.dom"; then fail "$1: $3 ($2 present)"; fi; }
count() {
  local n; n=$(grep -oF -- "$2" "$T/$1.dom" | wc -l)
  [ "$n" -eq "$3" ] || fail "$1: $4 (found $n of $2, expected $3)"
}

render "$T/report.html" report
count report '<article class="art"' 6 "one section per article"
for p in 26 30 31; do has report "<div class=\"para k-boilerplate\" id=\"p4-$p\">" "004 ¶$p is boilerplate"; done
for p in 27 28 29; do has report "<div class=\"para k-aggregator_footer\" id=\"p4-$p\">" "004 ¶$p is its footer"; done
for id in p0-18 p1-19 p3-34; do has report "<div class=\"para k-boilerplate\" id=\"$id\">" "$id is a comment prompt"; done
has report '<mark>Kenzaburo Fukuhara-Pool/Getty Images</mark>' "the shared credit is highlighted"
has report '<svg class="chart"' "the chart is drawn"
grep -o '<form[^>]*id="filters"[^>]*>' "$T/report.dom" | grep -qv hidden || fail "report: the script did not show the filters"
count report '<script' 1 "only the page's own script"
hasnt report '<img' "hostile markup stays text"
has report 'Hostile &lt;script&gt;alert(1)&lt;/script&gt; title' "hostile title shown as text"

render "$T/folder/index.html" folder-index
has folder-index 'href="articles-0002.html"' "the index links the article pages"
render "$T/folder/articles-0002.html" folder-page
count folder-page '<article class="art"' 3 "a page holds its articles"
has folder-page '<div class="para k-aggregator_footer" id="p4-29">' "the footer on its page"

render "$T/diff.html" diff
has diff '<mark>(Photo by Kenzaburo Fukuhara-Pool/Getty Images)</mark>' "the credit in A's caption is highlighted"
hasnt diff '<mark>Kenzaburo Fukuhara/Pool/Getty Images</mark>' "an aligned pair's shared words are plain"
has diff '<div class="row pair" id="' "an aligned pair"
has diff '<p id="original">Original: <strong>unknown</strong> (no dates)</p>' "undated: no original"
has diff '<div class="para k-boilerplate" id="b-26">' "B's tip line is boilerplate"
has diff '<div class="para k-aggregator_footer" id="b-29">' "B's disclosure is footer"
has diff '<label>' "the script shows its control"
count diff '<script' 1 "only the page's own script"

# The edit marks: A's removed word in <del> in A's paragraph, B's added word in <ins> in B's, in
# the colours of the style sheet; shared words plain (the one <mark> is the page's key).
render "$T/edits.html" edits
grep -qE 'id="a-0">.{0,600}<del>dictator</del> Xi Jinping' "$T/edits.dom" \
  || fail "edits: A's paragraph does not mark the removed word"
grep -qE 'id="b-0">.{0,600}<ins>leader</ins> Xi Jinping' "$T/edits.dom" \
  || fail "edits: B's paragraph does not mark the added word"
has edits 'Chinese <del>dictator</del><ins>leader</ins> Xi Jinping' "the passage reads as a word diff"
has edits '<p id="original">Original: <strong>A · wire-1</strong> (earlier date 2024-01-02)</p>' "the original is named"
has edits '<span class="badge original">original</span>' "A's box says it is the original"
count edits '<mark>' 1 "shared words are plain"
python3 tests/browser/colours.py "$OUT/edits.png" ffcecb:300 abf2bc:300 >"$T/edits.colours" \
  || fail "edits: the marks are not painted in their colours ($(tr '\n' ' ' <"$T/edits.colours"))"
render "$T/copying.html" copying
has copying '<section id="copying">' "the who-copies-whom section"
has copying '<svg class="chart matrix"' "the who-copies-whom matrix is drawn"
[ "$(grep -o 'rect class="f-taken"' "$T/copying.dom" | wc -l)" -ge 4 ] \
  || fail "copying: text taken from other outlets is drawn in the matrix and the bars"
has copying 'rect class="f-source"' "the origin outlets' copied text has its own colour"
has copying 'Origin Post took' "a cell names the outlet that took the words"
has copying 'this article is their original' "an origin lists the articles that copied it"

if [ "$FAILED" -ne 0 ]; then
  exit 1
fi
echo "browser test: report, folder report, who-copies-whom chart, diff and edit marks render in $("$CHROMIUM" --version 2>/dev/null | head -1) as expected"
