#!/bin/sh
# make demo: plume confining real programs, step by step.
# Runs in a private Wine prefix (build/wine/demo) and cleans up after itself.
set -u
PLUME_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$PLUME_ROOT/scripts/wine-lib.sh"

DEMO_PREFIX="$PLUME_ROOT/build/wine/demo"
trap 'wine_drop_prefix' EXIT INT TERM
wine_clone_prefix "$DEMO_PREFIX" || exit 1
PROBE=$(winpath "$PLUME_BIN/probe.exe")

step() {
    printf '\n\033[1m== %s\033[0m\n' "$*"
}
show() {
    printf '$ plume %s\n' "$*"
    plume "$@" | tr -d '\r' | sed 's/^/  /'
}

step "Two VMs, made in milliseconds inside one Wine prefix"
show create web-a
show create web-b
show list

step "A program learns its VM through plume64.dll (probe.exe calls PlumeGetVmName)"
show run web-a -- "$PROBE" info
show run web-b -- "$PROBE" info
printf '$ wine probe.exe info          (on the host, outside every VM)\n'
"$WINE64" "$PLUME_BIN/probe.exe" info | tr -d '\r' | sed 's/^/  /'

step "Children join their parent's VM, whichever way they start"
printf '(probe child -> cmd.exe /c -> ShellExecuteEx -> child with an empty environment)\n'
REPORT="$DEMO_PREFIX/chain.txt"
show run web-a -- "$PROBE" child cmd shell envchild info "$(winpath "$REPORT")"
printf 'the last process of that chain reported:\n'
tr -d '\r' <"$REPORT" | sed 's/^/  /'

step "Process trees running in both VMs at once"
show run --detach web-a -- cmd.exe /c "$PROBE" tree 3 60000
show run --detach web-b -- "$PROBE" tree 2 60000
sleep 1
show ps web-a
show ps web-b
show list

step "Stopping one VM ends its whole tree and nothing else"
show stop web-a
show ps web-a
show ps web-b
show list

step "A single-instance program, once per VM (objtool single: exits if Global\\App exists)"
OBJTOOL=$(winpath "$PLUME_BIN/objtool.exe")
plume stop web-b >/dev/null
plume trace web-a --on >/dev/null
printf '$ plume run web-a -- objtool single App &\n'
plume run web-a -- "$OBJTOOL" single App >"$DEMO_PREFIX/copy-a.txt" 2>&1 &
sleep 1
tr -d '\r' <"$DEMO_PREFIX/copy-a.txt" | sed 's/^/  /'
printf '$ plume run web-b -- objtool single App &\n'
plume run web-b -- "$OBJTOOL" single App >"$DEMO_PREFIX/copy-b.txt" 2>&1 &
sleep 1
tr -d '\r' <"$DEMO_PREFIX/copy-b.txt" | sed 's/^/  /'
printf '$ plume run web-a -- objtool single App      (a second copy in web-a)\n'
plume run web-a -- "$OBJTOOL" single App | tr -d '\r' | sed 's/^/  /'
printf '$ wine objtool single App &                  (and one on the host)\n'
"$WINE64" "$PLUME_BIN/objtool.exe" single App >"$DEMO_PREFIX/host-copy.txt" 2>&1 &
HOST_COPY=$!
sleep 1
tr -d '\r' <"$DEMO_PREFIX/host-copy.txt" | sed 's/^/  /'
show ps web-a
show ps web-b
printf '$ plume trace web-a       (what web-a did with named objects)\n'
plume trace web-a | tr -d '\r' | cut -f 4- | grep -v '^NtOpenDirectoryObject' | sed 's/^/  /'
plume stop web-a >/dev/null
plume stop web-b >/dev/null
kill "$HOST_COPY" 2>/dev/null
wait

step "One pipe server and one RPC server, under the same name in both VMs"
CHANTOOL=$(winpath "$PLUME_BIN/chantool.exe")
RPCSRV=$(winpath "$PLUME_BIN/rpcsrv.exe")
RPCCLI=$(winpath "$PLUME_BIN/rpccli.exe")
for vm in web-a web-b; do
    printf '$ plume run --detach %s -- chantool serve \\\\.\\pipe\\orders answer-from-%s 60000\n' "$vm" "$vm"
    plume run --detach "$vm" -- "$CHANTOOL" serve '\\.\pipe\orders' "answer-from-$vm" 60000 | tr -d '\r' | sed 's/^/  /'
    printf '$ plume run --detach %s -- rpcsrv ncalrpc inventory rpc-answer-from-%s 60\n' "$vm" "$vm"
    plume run --detach "$vm" -- "$RPCSRV" ncalrpc inventory "rpc-answer-from-$vm" 60 | tr -d '\r' | sed 's/^/  /'
done
sleep 1
for vm in web-a web-b; do
    printf '$ plume run %s -- chantool call \\\\.\\pipe\\orders\n' "$vm"
    plume run "$vm" -- "$CHANTOOL" call '\\.\pipe\orders' | tr -d '\r' | sed 's/^/  /'
    printf '$ plume run %s -- rpccli ncalrpc inventory\n' "$vm"
    plume run "$vm" -- "$RPCCLI" ncalrpc inventory 2>/dev/null | tr -d '\r' | sed 's/^/  /'
done
printf '$ wine chantool call \\\\.\\pipe\\orders        (the host has no such pipe)\n'
"$WINE64" "$PLUME_BIN/chantool.exe" call '\\.\pipe\orders' | tr -d '\r' | sed 's/^/  /'
printf '$ wine rpccli ncalrpc inventory              (nor such an RPC server)\n'
"$WINE64" "$PLUME_BIN/rpccli.exe" ncalrpc inventory 2>/dev/null | tr -d '\r' | sed 's/^/  /'
show ps web-a
plume stop web-a >/dev/null
plume stop web-b >/dev/null

step "Cleaning up"
show rm web-a
show rm --force web-b
printf '\nDone. Try it yourself: build/plume --help\n'
