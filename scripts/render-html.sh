#!/usr/bin/env bash
# Renders the demo's HTML programme report in headless Chromium, to look at it as leadership
# would: a PNG screenshot and a PDF print. Not run by CI.
#
#   scripts/render-html.sh [OUT_DIR]       (default: target/html-render)
#
# Needs Chromium (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/html-render}
mkdir -p "$out"
out=$(cd "$out" && pwd)

cargo build --release --quiet
amb="$PWD/target/release/amb"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" AMB_TODAY=2023-09-30
"$amb" demo --db "$work/demo.sqlite" --quiet >/dev/null
"$amb" --db "$work/demo.sqlite" report program --format html >"$out/report.html"
"$amb" --db "$work/demo.sqlite" report leaderboard --by unit --per-capita --format html >"$out/leaderboard.html"

chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/chromium")
"$chromium" "${flags[@]}" --window-size=1100,4200 --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
"$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$out/report.html" 2>/dev/null
ls -l "$out"
