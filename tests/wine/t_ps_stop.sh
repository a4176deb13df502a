#!/bin/sh
# Two VMs at once: ps lists exactly each VM's processes, stop ends a whole
# tree and only that VM's, rm refuses a running VM unless forced.
. "$(dirname "$0")/lib.sh"
test_begin ps_stop

plume create a >/dev/null
plume create b >/dev/null

run plume run --detach a -- "$PROBE" tree 3 120000
expect "a tree of 3 processes starts detached in VM a" 0 "in VM 'a'"
run plume run --detach b -- cmd.exe /c "$PROBE" tree 2 120000
expect "cmd.exe with a tree of 2 starts detached in VM b" 0 "in VM 'b'"

count_reports() { [ "$(grep -c "vm=$1 " "$VMS/$1/output.log" 2>/dev/null)" -ge "$2" ]; }
wait_for 20 count_reports a 3
wait_for 20 count_reports b 2
pids_a=$(grep -o 'pid=[0-9]*' "$VMS/a/output.log" | cut -d= -f2 | sort -n | tr '\n' ' ')
pids_b=$(grep -o 'pid=[0-9]*' "$VMS/b/output.log" | cut -d= -f2 | sort -n | tr '\n' ' ')

# ps_pids NAME: the PIDs that `plume ps NAME` lists.
ps_pids() {
    plume ps "$1" | tr -d '\r' | awk 'NR > 1 { print $1 }' | sort -n | tr '\n' ' '
}
got_a=$(ps_pids a)
got_b=$(ps_pids b)
b_cmd=$(plume ps b | tr -d '\r' | awk 'NR > 1 && /cmd.exe/ { print $1 }')
if [ -n "$pids_a" ] && [ "$got_a" = "$pids_a" ]; then
    pass "ps a lists exactly VM a's three probes"
else
    fail "ps a lists exactly VM a's three probes" "probes reported: $pids_a" "ps listed: $got_a"
fi
want_b=$(printf '%s\n' $pids_b $b_cmd | sort -n | tr '\n' ' ')
if [ -n "$b_cmd" ] && [ "$got_b" = "$want_b" ]; then
    pass "ps b lists exactly VM b's cmd.exe and two probes"
else
    fail "ps b lists exactly VM b's cmd.exe and two probes" "expected: $want_b" "ps listed: $got_b"
fi
run plume ps b
expect "ps shows the tree: a probe under cmd.exe, indented" 0 "\\\\_ probe.exe"

run plume list
expect "list shows both VMs running" 0 "^a +running +3 "
expect "list shows VM b's process count" 0 "^b +running +3 "

run plume rm a
expect "rm refuses a running VM" 1 "" "VM 'a' is running \(3 processes\); stop it first or pass --force"
expect_true "rm without --force kept the VM's folder" test -f "$VMS/a/vm.ini"

run plume stop a
expect "stop ends VM a's whole tree" 0 "stopped VM 'a' \(3 processes\)"
run plume ps a
expect_count "ps a is empty after stop" 1 "$T_OUT" "."
still=0
for pid in $pids_a; do
    if plume ps b | tr -d '\r' | awk '{ print $1 }' | grep -qx "$pid"; then still=1; fi
done
got_b_after=$(ps_pids b)
if [ "$got_b_after" = "$want_b" ] && [ $still -eq 0 ]; then
    pass "stopping VM a left VM b untouched"
else
    fail "stopping VM a left VM b untouched" "before: $want_b" "after: $got_b_after"
fi

run plume rm --force b
expect "rm --force stops and deletes a running VM" 0 "removed VM 'b'"
if [ -e "$VMS/b" ]; then fail "rm --force removed VM b's folder"; else pass "rm --force removed VM b's folder"; fi
run plume list
expect "VM a remains, stopped" 0 "^a +stopped +0 "

test_end
