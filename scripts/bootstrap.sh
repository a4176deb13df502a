#!/bin/sh
# Installs what plume needs to build and test, if it is missing.
# As root it uses apt-get; otherwise it prints the exact command to run.
# Quick when everything is present: it only asks dpkg.
set -eu

# package            what needs it
PACKAGES="
cmake                build
make                 build
gcc                  native core, unit tests
libc6-dev            native core, unit tests
gcc-mingw-w64-x86-64 Windows x64 binaries
mingw-w64-tools      widl (RPC stubs)
wine64               running the Windows binaries
xvfb                 headless X for GUI tests
clang                libFuzzer
libclang-rt-14-dev   libFuzzer and sanitizer runtimes
"

missing=""
for pkg in $(printf '%s\n' "$PACKAGES" | awk 'NF { print $1 }'); do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "bootstrap: missing packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: run this as root, or install them yourself:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "bootstrap: apt-get update"
apt-get update -qq
echo "bootstrap: apt-get install$missing"
# shellcheck disable=SC2086
apt-get install -y -qq $missing >/dev/null
echo "bootstrap: done"
