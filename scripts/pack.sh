#!/usr/bin/env bash
# Build the NuGet packages FWBM.Core, FWBM.Torch and FWBM.Interactive into a local folder feed (default: artifacts/feed).
# Notebooks load them with  #!import ../artifacts/feed/use-fwbm.dib  (scripts/use-fwbm-dib.sh), or  #i "nuget: <feed>"  then  #r "nuget: FWBM.Interactive, <version>"
# FWBM.Torch depends on the managed TorchSharp package only; a notebook that fits (#!fwbm-fit) adds the native runtime itself,
# e.g. #r "nuget: libtorch-cpu-linux-x64, 2.10.0" (docs/torch.md).
# Usage: bash scripts/pack.sh [--feed DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
FEED="$(pwd)/artifacts/feed"
if [[ "${1:-}" == "--feed" ]]; then FEED="$(realpath -m "$2")"; fi
VERSION="$(cat scripts/fwbm-version.txt)"
mkdir -p "$FEED"
for proj in src/Fwbm.Core/Fwbm.Core.csproj src/Fwbm.Torch/Fwbm.Torch.csproj src/Fwbm.Interactive/Fwbm.Interactive.csproj; do
  dotnet pack "$proj" -c Release -o "$FEED" -p:Version="$VERSION" --nologo -v quiet
done
# NuGet never re-extracts a package version it has cached: drop our own packages (only these three ids) so the new build is used.
for id in fwbm.core fwbm.torch fwbm.interactive; do rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/$id/$VERSION"; done
# notebooks in this repository load FWBM with  #!import ../artifacts/feed/use-fwbm.dib  (no absolute path: it finds the feed when it runs)
bash scripts/use-fwbm-dib.sh "$FEED" "$VERSION" "$(pwd)"
echo "feed: $FEED (FWBM.Core, FWBM.Torch, FWBM.Interactive $VERSION)"
