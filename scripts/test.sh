#!/usr/bin/env bash
# Set up and run every test. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FWBM_DATA_MIRROR="${FWBM_DATA_MIRROR:-$(cd .. && pwd)/shared/data}"
t0=$SECONDS
dotnet build FWBM.Interactive.sln -c Release -warnaserror
t1=$SECONDS
dotnet test FWBM.Interactive.sln -c Release --no-build --logger "console;verbosity=normal"
t2=$SECONDS
bash scripts/notebooks-ci.sh
t3=$SECONDS
echo "test.sh durations: build $((t1 - t0)) s, dotnet test $((t2 - t1)) s, notebooks $((t3 - t2)) s, total $((t3 - t0)) s"
