#!/usr/bin/env bash
# Set up and run every test. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FWBM_DATA_MIRROR="${FWBM_DATA_MIRROR:-$(cd .. && pwd)/shared/data}"
# Tests never touch the network nor the user's cache: a file missing from the mirror fails loudly instead of downloading,
# and caches/derived products go to a temporary folder (removed at exit) unless the caller names one in FWBM_DATA_DIR.
export FWBM_OFFLINE=1
if [[ -z "${FWBM_DATA_DIR:-}" ]]; then
  FWBM_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/fwbm-test-data.XXXXXX")"
  export FWBM_DATA_DIR
  trap 'rm -rf "$FWBM_DATA_DIR"' EXIT
fi
echo "test.sh: data mirror $FWBM_DATA_MIRROR, cache $FWBM_DATA_DIR, network off (FWBM_OFFLINE=1)"
t0=$SECONDS
dotnet build FWBM.Interactive.sln -c Release -warnaserror
t1=$SECONDS
dotnet test FWBM.Interactive.sln -c Release --no-build --logger "console;verbosity=normal"
t2=$SECONDS
bash scripts/notebooks-ci.sh
t3=$SECONDS
echo "test.sh durations: build $((t1 - t0)) s, dotnet test $((t2 - t1)) s, notebooks $((t3 - t2)) s, total $((t3 - t0)) s"
