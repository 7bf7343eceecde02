#!/usr/bin/env bash
# Renders the demo's programme report in Finnish, Swedish and English in headless Chromium, to
# look at it as leadership would: a PNG screenshot and an A4 PDF print per language, plus the
# KPI report. Not run by CI.
#
#   scripts/render-html.sh [OUT_DIR]       (default: target/html-render)
#
# Needs Chromium (Debian: apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/html-render}
mkdir -p "$out"
out=$(cd "$out" && pwd)

cargo build --release --quiet
amb="$PWD/target/release/amb"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" AMB_TODAY=2023-10-15
"$amb" demo --db "$work/demo.sqlite" --quiet >/dev/null

chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --disable-component-update --no-first-run --disable-sync --hide-scrollbars
       --user-data-dir="$work/chromium")

for lang in fi sv en; do
    case $lang in
        fi) organisation="Vaasan kaupunki" ;;
        sv) organisation="Vasa stad" ;;
        en) organisation="City of Vaasa" ;;
    esac
    cp examples/vaasa-2022/logo.svg "$work/logo.svg"
    printf 'organisation = "%s"\nlanguage = "%s"\nlogo = "logo.svg"\n' "$organisation" "$lang" >"$work/$lang.toml"
    amb_lang=("$amb" --db "$work/demo.sqlite" --config "$work/$lang.toml")
    "${amb_lang[@]}" report program "Vaasa 2022" --format html >"$out/report-$lang.html"
    "${amb_lang[@]}" report kpi --format html >"$out/kpi-$lang.html"
    "$chromium" "${flags[@]}" --window-size=1000,3300 --screenshot="$out/report-$lang.png" \
        "file://$out/report-$lang.html" 2>/dev/null
    "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report-$lang.pdf" \
        "file://$out/report-$lang.html" 2>/dev/null
    "$chromium" "${flags[@]}" --window-size=1000,900 --screenshot="$out/kpi-$lang.png" \
        "file://$out/kpi-$lang.html" 2>/dev/null
done
ls -l "$out"
