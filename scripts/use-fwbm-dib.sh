#!/usr/bin/env bash
# Write <feed>/use-fwbm.dib, the file notebooks import to load FWBM from a local feed (#!import ../artifacts/feed/use-fwbm.dib).
# Usage: bash scripts/use-fwbm-dib.sh <feed-dir> <version> [<repo-root>]      (scripts/pack.sh calls it)
# #i needs an absolute path, but a clone may be moved or copied after packing: for a feed inside the repository the .dib holds no
# absolute path — its first cell finds <feed relative to the repository> from the kernel's working folder (the notebook's) upwards
# when it runs. A feed outside the repository (pack.sh --feed DIR) stays where it is and is named absolutely.
set -euo pipefail
FEED="$(realpath -m "$1")"; VERSION="$2"; ROOT="$(realpath -m "${3:-$(dirname "$0")/..}")"
mkdir -p "$FEED"
case "$FEED/" in
  "$ROOT/"*)
    REL="${FEED#"$ROOT/"}"
    cat > "$FEED/use-fwbm.dib.tmp" <<DIB
#!csharp

// FWBM from this clone's local feed ($REL, built by scripts/pack.sh). The feed is looked up when this cell runs, from the
// notebook's folder upwards, so a moved or copied clone loads its own feed.
{
    string fwbmFeed = null;
    for (var d = new System.IO.DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); d is not null && fwbmFeed is null; d = d.Parent)
        if (System.IO.File.Exists(System.IO.Path.Combine(d.FullName, "$REL", "FWBM.Interactive.$VERSION.nupkg")))
            fwbmFeed = System.IO.Path.Combine(d.FullName, "$REL");
    if (fwbmFeed is null)
        throw new System.IO.DirectoryNotFoundException(\$"use-fwbm.dib: no $REL/FWBM.Interactive.$VERSION.nupkg in {System.IO.Directory.GetCurrentDirectory()} or a folder above it: run 'bash scripts/pack.sh' in the clone, or load FWBM with #i \"nuget: <feed folder>\" and #r \"nuget: FWBM.Interactive, $VERSION\".");
    await Microsoft.DotNet.Interactive.Kernel.Current.SendAsync(new Microsoft.DotNet.Interactive.Commands.AddPackageSource(fwbmFeed));
}

#!csharp

#r "nuget: FWBM.Interactive, $VERSION"
DIB
    ;;
  *)
    cat > "$FEED/use-fwbm.dib.tmp" <<DIB
#!csharp

#i "nuget: $FEED"
#r "nuget: FWBM.Interactive, $VERSION"
DIB
    ;;
esac
mv -f "$FEED/use-fwbm.dib.tmp" "$FEED/use-fwbm.dib"
