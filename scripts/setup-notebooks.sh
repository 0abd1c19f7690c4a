#!/usr/bin/env bash
# Install what the notebook checks need on a clean Debian 12 machine with the .NET SDK (idempotent, quick when present):
# Debian's Jupyter (nbconvert, nbclient, jupyter-client, ipykernel) and Chromium, the dotnet-interactive tool and its kernel spec.
# python3-h5py, python3-numpy: the test that opens a saved result with h5py (an ordinary HDF5 file).
set -euo pipefail
path_before="$PATH"
need=()
# fonts-liberation: Chromium only recommends a font, and --no-install-recommends would leave a bare machine with none
for p in jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel chromium fonts-liberation python3-h5py python3-numpy; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  echo "setup-notebooks: apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! grep -qi 'microsoft.dotnet-interactive *1.0.712001' <<<"$(dotnet tool list -g)"; then   # no pipe into grep -q (SIGPIPE under pipefail)
  dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001
fi
# the kernel spec must point at /usr/bin/python3's Jupyter (not a pyenv python)
PATH="/usr/bin:$PATH" dotnet interactive jupyter install >/dev/null
# the kernel spec starts `dotnet interactive`, a global tool: say how to reach it when the caller's PATH does not
case ":$path_before:" in
  *":$HOME/.dotnet/tools:"*) ;;
  *) echo "setup-notebooks: done. Jupyter starts the kernel as 'dotnet interactive': first run   export PATH=\"\$PATH:\$HOME/.dotnet/tools\"   (or add it to ~/.profile)" ;;
esac
