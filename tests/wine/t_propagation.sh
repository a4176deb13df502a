#!/bin/sh
# Children and grandchildren join their parent's VM, however they start;
# host processes stay host processes.
. "$(dirname "$0")/lib.sh"
test_begin propagation

plume create a >/dev/null
REPORT="$T_TMP/report.txt"
REPORT_WIN=$(winpath "$REPORT")

# check_chain DESCRIPTION WANT_VM WANT_INJOB CHAIN...: runs probe CHAIN info
# REPORT inside VM a (or on the host when WANT_VM is empty) and checks the
# last process of the chain, which reports into REPORT.
check_chain() {
    desc=$1 want_vm=$2 want_job=$3
    shift 3
    rm -f "$REPORT"
    if [ -n "$want_vm" ]; then
        run plume run "$want_vm" -- "$PROBE" "$@" info "$REPORT_WIN"
    else
        run "$WINE64" "$PLUME_BIN/probe.exe" "$@" info "$REPORT_WIN"
    fi
    want="vm=$want_vm injob=$want_job early=$want_job"
    if [ "$T_RC" -eq 0 ] && [ -f "$REPORT" ] && grep -q "$want" "$REPORT"; then
        pass "$desc"
    else
        fail "$desc" "exit status $T_RC, want '$want'" "report: $(cat "$REPORT" 2>/dev/null)" "stderr: $T_ERR"
    fi
}

check_chain "a child (CreateProcess) joins the VM" a 1 child
check_chain "a grandchild joins the VM" a 1 child child
check_chain "a child of cmd.exe /c joins the VM" a 1 cmd
check_chain "a child started by ShellExecuteEx joins the VM" a 1 shell
check_chain "a child with an explicit, minimal environment joins the VM" a 1 envchild
check_chain "a great-great-grandchild through every route joins the VM" a 1 child cmd shell envchild
check_chain "a host program's child stays on the host" "" 0 child
check_chain "a host program's cmd.exe grandchild stays on the host" "" 0 cmd child

# cmd.exe itself, started directly in the VM, carries the VM on.
rm -f "$REPORT"
run plume run a -- cmd.exe /c "$PROBE" info "$REPORT_WIN"
if [ "$T_RC" -eq 0 ] && grep -q "vm=a injob=1 early=1" "$REPORT" 2>/dev/null; then
    pass "cmd.exe run in a VM passes the VM to its child"
else
    fail "cmd.exe run in a VM passes the VM to its child" "rc=$T_RC" "report: $(cat "$REPORT" 2>/dev/null)" "stderr: $T_ERR"
fi

# A child created with a host process as its parent would inherit the host's
# job, not the VM's: plume refuses to start it, and says so.
rm -f "$REPORT"
run plume run a -- "$PROBE" spoofchild info "$REPORT_WIN"
expect "a child given a host parent is refused (ERROR_DLL_INIT_FAILED)" 0 "spoof=refused error=1114"
expect "the refusal is reported on the program's stderr" 0 "" "refused to start a child process: the child would be outside the VM's job"
expect_true "the refused child never ran" test ! -e "$REPORT"
expect_true "the refusal is in the VM's events.log" grep -q "outside the VM's job" "$VMS/a/events.log"
run "$WINE64" "$PLUME_BIN/probe.exe" spoofchild info "$REPORT_WIN"
expect "on the host, the same parent spoofing works untouched" 0 "spoof=started"

test_end
