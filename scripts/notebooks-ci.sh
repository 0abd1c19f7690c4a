#!/usr/bin/env bash
# Notebook checks (part of scripts/test.sh; expects `dotnet build -c Release` done):
#  1. the binder install steps (binder/postBuild) into a temporary HOME;
#  2. every notebook in notebooks/ and tutorials/ executed headlessly with `fwbm run` (small configurations via -p),
#     its HTML report opened in headless Chromium without network: Plotly must have drawn SVG;
#  3. the quickstart and the gradient-fitting notebook (05: the Torch backend's native load inside the kernel) also through real
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
plots() { # file minimum
  local n; n=$(bash scripts/count-plots.sh "$1")
  echo "  $(basename "$1"): $n Plotly SVG roots drawn offline"
  if (( n < $2 )); then echo "notebooks-ci: expected at least $2 drawn plots in $1, found $n" >&2; return 1; fi
}

timed "setup (apt, dotnet-interactive, kernel spec)" bash scripts/setup-notebooks.sh

binder_check() {
  local home; home="$(mktemp -d)"
  HOME="$home" NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}" PATH="/usr/bin:$PATH" bash binder/postBuild >/dev/null
  HOME="$home" "$home/.dotnet/tools/dotnet-interactive" --version | grep -q '^1\.0\.712001'
  HOME="$home" "${JUPYTER[@]}" kernelspec list 2>/dev/null | grep -q '\.net-csharp'
  test -f artifacts/feed/FWBM.Interactive."$(cat scripts/fwbm-version.txt)".nupkg
  test -f artifacts/feed/FWBM.Torch."$(cat scripts/fwbm-version.txt)".nupkg
  rm -rf "$home"
  echo "  binder/postBuild: dotnet-interactive 1.0.712001, .net-csharp kernel and the FWBM feed installed into a fresh HOME"
}
timed "binder/postBuild into a temporary HOME" binder_check

# every notebook in notebooks/ and tutorials/ (executed copies excluded); per notebook: fwbm run parameters | minimum SVG roots
# (Plotly draws two or three .main-svg roots per chart). Notebooks not listed run with their own parameters cell and need ≥ 1.
settings() {
  case "$1" in
    01-coupling-and-fc-exercise) echo "-p useReferenceSolutions=true -p seconds=40|6" ;;
    01-quickstart)               echo "-p seconds=60 -p sweepPoints=5|10" ;;
    02-models-and-dynamics)      echo "|26" ;;   # its parameters cell holds the small CI configuration
    05-gradient-fitting)         echo "|30" ;;   # ditto (2 epochs of 60 s on hcp); 33 drawn when written
    *)                           echo "|1" ;;
  esac
}
mapfile -t ALL < <(ls notebooks/*.ipynb tutorials/*.ipynb | grep -v -E '\.(executed|jupyter)\.ipynb$' | sort)
(( ${#ALL[@]} > 0 )) || { echo "notebooks-ci: no notebooks found" >&2; exit 1; }
for nb in "${ALL[@]}"; do
  dir="$(dirname "$nb")"; base="$(basename "$nb" .ipynb)"
  IFS='|' read -r params min <<<"$(settings "$base")"
  # shellcheck disable=SC2086
  timed "fwbm run $nb" "${FWBM[@]}" run "$nb" $params --out "$dir/$base.executed.ipynb" --html "$OUT/$base.html"
  timed "chromium check $base.html" plots "$OUT/$base.html" "$min"
done

# through real Jupyter: each notebook's executed copy from above (next to the original, so relative paths resolve), with its
# minimum of drawn SVG roots. 05 proves that the Torch backend's native part loads inside the .net-csharp kernel.
for item in "notebooks/01-quickstart.executed.ipynb|3" "notebooks/05-gradient-fitting.executed.ipynb|28"; do
  IFS='|' read -r JUPYTER_NB min <<<"$item"
  dir="$(dirname "$JUPYTER_NB")"; base="$(basename "$JUPYTER_NB" .executed.ipynb)"
  timed "jupyter nbconvert --execute $base (.net-csharp)" "${JUPYTER[@]}" nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=900 \
    "$JUPYTER_NB" --output "$base.jupyter.ipynb" --output-dir "$dir" --log-level=WARN
  timed "jupyter nbconvert --to html $base" "${JUPYTER[@]}" nbconvert --to html "$dir/$base.jupyter.ipynb" --output-dir "$OUT" --log-level=WARN
  timed "chromium check $base.jupyter.html" plots "$OUT/$base.jupyter.html" "$min"
done

echo "notebook checks (durations):"
printf '  %s\n' "${SUMMARY[@]}"
