#!/usr/bin/env bash
# Set up and run every test. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FWBM_DATA_MIRROR="${FWBM_DATA_MIRROR:-$(cd .. && pwd)/shared/data}"
dotnet build FWBM.Interactive.sln -c Release -warnaserror
dotnet test FWBM.Interactive.sln -c Release --no-build --logger "console;verbosity=normal"
bash scripts/notebooks-ci.sh
