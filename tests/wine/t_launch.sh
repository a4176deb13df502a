#!/bin/sh
# plume run: the program is inside its VM before its own code runs, its exit
# status comes back, and a failed injection never lets it run.
. "$(dirname "$0")/lib.sh"
test_begin launch

plume create a >/dev/null

run plume run a -- "$PROBE" info
expect "the program knows its VM through PlumeGetVmName" 0 "vm=a "
expect "the program is in the VM's job" 0 "injob=1"
expect "plume64.dll was loaded before the DllMain of the program's static import" 0 "early=1"

run "$WINE64" "$PLUME_BIN/probe.exe" info
expect "a host program is untouched: no VM, no job, no plume64.dll" 0 "vm= injob=0 early=0"

for code in 0 1 42 255; do
    run plume run a -- "$PROBE" exit $code
    expect "exit status $code passes through" $code
done

run plume run a -- "$PROBE" breakaway
expect "a VM process cannot break away from the VM's job" 0 "breakaway=denied"

run plume run a "$PROBE" info
expect "run works without --" 0 "vm=a "
run plume run a -- "$PROBE" child --detach info
expect "options after PROGRAM belong to the program" 64 "" "probe: unknown command"

run plume run nosuchvm -- "$PROBE" info
expect "run on a missing VM fails with 125 and says how to create it" 125 "" "no VM named 'nosuchvm'; create it"
run plume run --create fresh -- "$PROBE" info
expect "run --create creates a missing VM" 0 "vm=fresh "
run plume list
expect "the VM made by run --create persists" 0 "^fresh "

run plume run a -- nosuchprogram.exe
expect "a missing program fails with 127" 127 "" "cannot find program 'nosuchprogram.exe'"

# Injection failure is never silent, and the program never runs.
PLUME_DLL=$(winpath "$PLUME_BIN/badinit.dll") run plume run a -- "$PROBE" info
expect "a DLL that fails to initialise stops the start with 126" 126 "" "could not start inside VM 'a': plume64.dll did not take hold \(status 0xC0000142"
expect_count "the program did not run when injection failed" 0 "$T_OUT" "^probe:"
PLUME_DLL='C:\nowhere\plume64.dll' run plume run a -- "$PROBE" info
expect "a missing plume64.dll is reported before anything starts" 125 "" "plume64.dll is missing"
expect_count "the program did not run without plume64.dll" 0 "$T_OUT" "^probe:"

# --detach: plume returns at once, the program runs on, its output kept.
run plume run --detach a -- "$PROBE" info
expect "run --detach reports the started program" 0 "started '.*probe.exe' in VM 'a' \(pid [0-9]+\)"
wait_for 10 grep -q "vm=a " "$VMS/a/output.log"
expect_true "a detached program's output goes to the VM's output.log" grep -q "vm=a injob=1 early=1" "$VMS/a/output.log"

# A detached program must not hold the caller's pipe: $(...) returns while
# the program still runs.
out=$(plume run --detach a -- "$PROBE" sleep 60000)
run plume ps a
expect "run --detach returns while the program runs on (it keeps no pipe of the caller)" 0 "probe.exe"
plume stop a >/dev/null

# Management is the host's: inside a VM, plume refuses.
run plume run a -- "$(winpath "$PLUME_BIN/plume.exe")" list
expect "plume commands are refused inside a VM" 1 "" "not available inside a VM \(this process is in VM 'a'\)"

test_end
