#!/bin/sh
# build/plume, the Linux wrapper: Unix paths for PROGRAM, exit codes, and a
# default prefix made on first use.
. "$(dirname "$0")/lib.sh"
test_begin wrapper

WRAPPER="$PLUME_ROOT/build/plume"
expect_true "make produced the wrapper" test -x "$WRAPPER"

run "$WRAPPER" create w
expect "the wrapper runs plume.exe in WINEPREFIX" 0 "created VM 'w'"
run "$WRAPPER" run w -- "$PLUME_BIN/probe.exe" info
expect "a Unix path for PROGRAM is translated" 0 "vm=w injob=1 early=1"
(cd "$PLUME_BIN" && "$WRAPPER" run w -- ./probe.exe exit 7 >/dev/null 2>&1)
rc=$?
[ $rc -eq 7 ] && pass "a relative Unix path works and the exit status passes through" ||
    fail "a relative Unix path works and the exit status passes through" "exit status $rc"
run "$WRAPPER" run --detach w -- "$PLUME_BIN/probe.exe" info
expect "options before PROGRAM are kept" 0 "started .* in VM 'w'"
run "$WRAPPER" run w -- cmd.exe /c exit 3
expect "a Windows program name is left alone" 3
run "$WRAPPER" bogus
expect "errors come through the wrapper" 2 "" "unknown command 'bogus'"

# No WINEPREFIX: the wrapper makes its default prefix on first use.
home="$T_TMP/home"
mkdir -p "$home"
saved=$WINEPREFIX
HOME="$home" XDG_DATA_HOME= env -u WINEPREFIX "$WRAPPER" list >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ -f "$home/.local/share/plume/wineprefix/system.reg" ] && grep -q "creating the Wine prefix" "$T_TMP/err"; then
    pass "without WINEPREFIX the wrapper creates ~/.local/share/plume/wineprefix and says so"
else
    fail "without WINEPREFIX the wrapper creates ~/.local/share/plume/wineprefix and says so" "rc=$rc" "stderr: $(cat "$T_TMP/err")"
fi
WINEPREFIX="$home/.local/share/plume/wineprefix" "$WINESERVER" -k 2>/dev/null
WINEPREFIX=$saved

test_end
