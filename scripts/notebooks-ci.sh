#!/usr/bin/env bash
# Notebook checks (part of scripts/test.sh; expects `dotnet build -c Release` done):
#  1. every notebook in notebooks/ and tutorials/ executed headlessly with `fwbm run` (small configurations via -p),
#     its HTML report opened in headless Chromium without network: every chart container must hold a drawn Plotly SVG;
#  2. binder/postBuild into a temporary HOME, and the tutorial executed by the .net-csharp kernel started there via binder/start;
#  3. the Polyglot Notebooks protocol: scripts/polyglot-probe.py drives `dotnet-interactive [vscode] stdio` as VS Code does;
#  4. Jupyter's Interrupt on the .net-csharp kernel stops a long #!fwbm-simulate and the kernel stays usable (jupyter-interrupt-check.py);
#  5. the quickstart and the fitting notebook (08: the Torch backend's native load inside the kernel) also through real
#     Jupyter (jupyter nbconvert --execute with the .net-csharp kernel), exported to HTML and checked in Chromium the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
OUT="$ROOT/artifacts/notebooks"
mkdir -p "$OUT"
FWBM=(dotnet "$ROOT/src/Fwbm.Cli/bin/Release/net10.0/fwbm.dll")
# data: the offline mirror, network off, and a temporary cache unless the caller (e.g. scripts/test.sh) set FWBM_DATA_DIR;
# the notebooks (and the Jupyter kernels, which inherit the environment) never download nor write to the user's cache.
export FWBM_DATA_MIRROR="${FWBM_DATA_MIRROR:-$(cd "$ROOT/.." && pwd)/shared/data}"
export FWBM_OFFLINE=1
if [[ -z "${FWBM_DATA_DIR:-}" ]]; then
  FWBM_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/fwbm-nb-data.XXXXXX")"
  export FWBM_DATA_DIR
  trap 'rm -rf "$FWBM_DATA_DIR"' EXIT
fi
export PATH="$PATH:$HOME/.dotnet/tools"
JUPYTER=(/usr/bin/python3 -m jupyter)
declare -a SUMMARY=()
timed() { local name="$1"; shift; local t0=$SECONDS; "$@"; SUMMARY+=("$(printf '%4ds  %s' $((SECONDS - t0)) "$name")"); }
plots() { # file: every chart container in the report must hold a drawn Plotly SVG (and there must be at least one)
  local containers drawn svgs
  read -r containers drawn svgs <<<"$(bash scripts/count-plots.sh "$1")"
  echo "  $(basename "$1"): $drawn of $containers charts drawn offline ($svgs .main-svg roots)"
  if (( containers == 0 || drawn != containers )); then
    echo "notebooks-ci: $1: $drawn of $containers chart containers drawn (expected all, and at least one)" >&2; return 1
  fi
}

timed "setup (apt, dotnet-interactive, kernel spec)" bash scripts/setup-notebooks.sh


# every notebook in notebooks/ and tutorials/ (executed copies excluded), with the fwbm run parameters of its CI configuration
# (notebooks not listed run with their own parameters cell)
settings() {
  case "$1" in
    01-coupling-and-fc-exercise) echo "-p useReferenceSolutions=true -p seconds=40" ;;
    01-quickstart)               echo "-p seconds=60 -p sweepPoints=5" ;;
    03-virtual-surgery)          echo "-p seconds=60" ;;
    03-surgery-exercise)         echo "-p useReferenceSolutions=true -p seconds=40" ;;
    04-stimulation-exercise)     echo "-p useReferenceSolutions=true" ;;
    *)                           echo "" ;;   # 02, 04, 08: their parameters cells hold the small CI configuration
  esac
}
mapfile -t ALL < <(ls notebooks/*.ipynb tutorials/*.ipynb | grep -v -E '\.(executed|jupyter)\.ipynb$' | sort)
(( ${#ALL[@]} > 0 )) || { echo "notebooks-ci: no notebooks found" >&2; exit 1; }
for nb in "${ALL[@]}"; do
  dir="$(dirname "$nb")"; base="$(basename "$nb" .ipynb)"
  params="$(settings "$base")"
  # shellcheck disable=SC2086
  timed "fwbm run $nb" "${FWBM[@]}" run "$nb" $params --out "$dir/$base.executed.ipynb" --html "$OUT/$base.html"
  timed "chromium check $base.html" plots "$OUT/$base.html"
done

# binder: postBuild into a fresh HOME, through its SDK-install branch (offline, FWBM_BINDER_SDK_FROM links the installed SDK under
# $HOME/.dotnet instead of downloading it), then a real .net-csharp kernel started there through binder/start executes the
# tutorial. NUGET_PACKAGES shares this machine's package cache (dotnet-interactive, FWBM's dependencies are not downloaded again).
binder_check() {
  local home sdk nb=tutorials/01-coupling-and-fc-exercise.executed.ipynb
  home="$(mktemp -d)"; sdk="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  local -a env=(env HOME="$home" NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}" PATH="/usr/bin:$PATH")
  # every check says what failed (set -e alone would end the script silently); no `cmd | grep -q`: with pipefail, grep's early
  # exit can fail the writer with SIGPIPE, so outputs are captured first
  local out
  "${env[@]}" FWBM_BINDER_SDK_FROM="$sdk" bash binder/postBuild >/dev/null || { echo "notebooks-ci: binder/postBuild failed (HOME=$home)" >&2; return 1; }
  "${env[@]}" bash binder/start bash -c 'test "$(command -v dotnet)" = "$HOME/.dotnet/dotnet" && test "$DOTNET_ROOT" = "$HOME/.dotnet"' \
    || { echo "notebooks-ci: binder/start does not put \$HOME/.dotnet first on PATH with DOTNET_ROOT (HOME=$home)" >&2; return 1; }
  out="$("${env[@]}" bash binder/start dotnet-interactive --version 2>&1)" || true
  grep -q '^1\.0\.712001' <<<"$out" || { echo "notebooks-ci: binder: dotnet-interactive 1.0.712001 not found via binder/start: $out" >&2; return 1; }
  out="$("${env[@]}" "${JUPYTER[@]}" kernelspec list 2>&1)" || true
  grep -q "$home/.local/share/jupyter/kernels/\.net-csharp" <<<"$out" || { echo "notebooks-ci: binder: no .net-csharp kernel spec under $home: $out" >&2; return 1; }
  test -f artifacts/feed/FWBM.Interactive."$(cat scripts/fwbm-version.txt)".nupkg || { echo "notebooks-ci: binder: postBuild did not pack the FWBM feed" >&2; return 1; }
  "${env[@]}" bash binder/start "${JUPYTER[@]}" nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp \
    --ExecutePreprocessor.timeout=600 "$nb" --output binder.ipynb --output-dir "$home" --log-level=WARN
  /usr/bin/python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cells"]; n=sum(1 for x in c if x["cell_type"]=="code" and x.get("outputs")); sys.exit(0 if n>0 else "no outputs")' "$home/binder.ipynb"
  rm -rf "$home"
  echo "  binder: postBuild (SDK under \$HOME/.dotnet, dotnet-interactive 1.0.712001, .net-csharp kernel, FWBM feed) into a fresh HOME; the kernel started through binder/start ran $nb"
}
timed "binder: postBuild into a temporary HOME + the tutorial in its kernel" binder_check

# Polyglot Notebooks (VS Code) without VS Code: scripts/polyglot-probe.py starts dotnet-interactive with the extension's own
# arguments (`[vscode] stdio --working-dir …`) and exchanges the same JSON command/event envelopes: loading cell (the feed that
# binder/postBuild just packed), #!fwbm-connectome/#!fwbm-simulate outputs (offline Plotly), a C# cell on the bound variable,
# completions, a wrong argument, Cancel of a long run; the chart outputs it received are then drawn in Chromium.
timed "polyglot probe (dotnet-interactive stdio, as VS Code drives it)" /usr/bin/python3 scripts/polyglot-probe.py --html "$OUT/polyglot-probe.html"
timed "chromium check polyglot-probe.html" plots "$OUT/polyglot-probe.html"

# Jupyter's Interrupt (SIGINT to the .net-csharp kernel's process group, the spec's default interrupt_mode "signal") stops a
# running #!fwbm-simulate cleanly once FWBM is loaded, and the kernel stays usable (the FWBM feed was built by the binder check)
timed "jupyter interrupt: a long #!fwbm-simulate stopped, kernel still usable" \
  timeout 120 /usr/bin/python3 scripts/jupyter-interrupt-check.py "$ROOT/artifacts/feed/use-fwbm.dib"

# through real Jupyter: each notebook's executed copy from above (next to the original, so relative paths resolve).
# 08 proves that the Torch backend's native part loads inside the .net-csharp kernel.
for JUPYTER_NB in notebooks/01-quickstart.executed.ipynb notebooks/08-fitting.executed.ipynb; do
  dir="$(dirname "$JUPYTER_NB")"; base="$(basename "$JUPYTER_NB" .executed.ipynb)"
  timed "jupyter nbconvert --execute $base (.net-csharp)" "${JUPYTER[@]}" nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=900 \
    "$JUPYTER_NB" --output "$base.jupyter.ipynb" --output-dir "$dir" --log-level=WARN
  timed "jupyter nbconvert --to html $base" "${JUPYTER[@]}" nbconvert --to html "$dir/$base.jupyter.ipynb" --output-dir "$OUT" --log-level=WARN
  timed "chromium check $base.jupyter.html" plots "$OUT/$base.jupyter.html"
done

echo "notebook checks (durations):"
printf '  %s\n' "${SUMMARY[@]}"
