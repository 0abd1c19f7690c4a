#!/usr/bin/env bash
# Open an HTML file in headless Chromium with no network and print how many Plotly SVG roots (.main-svg) were drawn.
# Usage: bash scripts/count-plots.sh report.html
set -euo pipefail
html="$(realpath "$1")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
  --virtual-time-budget=20000 --dump-dom "file://$html" 2>/dev/null | grep -o 'class="main-svg"' | wc -l
