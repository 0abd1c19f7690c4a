#!/usr/bin/env bash
# The main job: set everything up on a fresh machine (Debian 12 + .NET SDK), run the quickstart notebook headlessly and write
# its self-contained HTML report (renders offline). Usage: bash scripts/quickstart.sh [-p name=value …]
set -euo pipefail
cd "$(dirname "$0")/.."
export FWBM_DATA_MIRROR="${FWBM_DATA_MIRROR:-$(cd .. && pwd)/shared/data}"
dotnet build src/Fwbm.Cli/Fwbm.Cli.csproj -c Release --nologo -v quiet
bash scripts/pack.sh >/dev/null
mkdir -p artifacts/notebooks
dotnet src/Fwbm.Cli/bin/Release/net10.0/fwbm.dll run notebooks/01-quickstart.ipynb "$@" \
  --out notebooks/01-quickstart.executed.ipynb --html artifacts/notebooks/01-quickstart.html
echo "open artifacts/notebooks/01-quickstart.html in a browser (no network needed)"
