#!/usr/bin/env bash
# Open an HTML file in headless Chromium with no network and report, from the DOM after the scripts ran, how many chart containers
# it has and how many of them Plotly drew: "<containers> <drawn> <main-svg roots>". A container is a div of class fwbm-plot (FWBM's
# charts) or any element Plotly made a plot (js-plotly-plot); it is drawn when an <svg class="main-svg"> exists inside it.
# Usage: bash scripts/count-plots.sh report.html
set -euo pipefail
html="$(realpath "$1")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
  --virtual-time-budget=20000 --dump-dom "file://$html" 2>/dev/null > "$profile/dom.html"
/usr/bin/python3 - "$profile/dom.html" <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
class Charts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.containers, self.drawn, self.svgs = [], 0, 0, 0
    def _svg(self, tag, cls):
        if tag == "svg" and "main-svg" in cls:
            self.svgs += 1
            for e in reversed(self.stack):
                if e[1]: e[2] = True; break
    def handle_starttag(self, tag, attrs):
        if tag in VOID: return
        cls = (dict(attrs).get("class") or "").split()
        container = ("fwbm-plot" in cls or "js-plotly-plot" in cls) and not any(e[1] for e in self.stack)
        if container: self.containers += 1
        self.stack.append([tag, container, False])
        self._svg(tag, cls)
    def handle_startendtag(self, tag, attrs):
        self._svg(tag, (dict(attrs).get("class") or "").split())
    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                self.drawn += sum(1 for e in self.stack[i:] if e[1] and e[2])
                del self.stack[i:]
                break
p = Charts()
with open(sys.argv[1], encoding="utf-8", errors="replace") as f: p.feed(f.read())
p.close()
p.drawn += sum(1 for e in p.stack if e[1] and e[2])   # unclosed at the end of the dump
print(p.containers, p.drawn, p.svgs)
PY
