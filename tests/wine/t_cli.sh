#!/bin/sh
# The plume CLI: help, bad input, and the VM lifecycle on disk.
. "$(dirname "$0")/lib.sh"
test_begin cli

run plume --help
expect "--help shows the overview" 0 "usage: plume COMMAND"
for cmd in create list info run ps stop rm help; do
    run plume "$cmd" --help
    expect "$cmd --help shows its usage" 0 "usage: plume $cmd"
done
run plume help run
expect "help run shows run's usage" 0 "usage: plume run NAME"
run plume --version
expect "--version prints the version" 0 "^plume [0-9]+\.[0-9]+\.[0-9]+$"

# Wrong command lines: a message and exit status 2, nothing created.
run plume
expect "no command is refused" 2 "" "no command given"
run plume frobnicate
expect "an unknown command is refused" 2 "" "unknown command 'frobnicate'"
run plume --frob
expect "an unknown global option is refused" 2 "" "unknown option '--frob'"
run plume create
expect "create without a name is refused" 2 "" "missing VM name"
run plume create a b
expect "create with two names is refused" 2 "" "unexpected argument 'b'"
run plume list extra
expect "list with an argument is refused" 2 "" "unexpected argument 'extra'"
run plume rm a --bogus
expect "an unknown option of rm is refused" 2 "" "unknown option '--bogus'"
run plume run a
expect "run without a program is refused" 2 "" "missing PROGRAM"
run plume help nosuch
expect "help for an unknown command is refused" 2 "" "unknown command 'nosuch'"

long33=abcdefghijabcdefghijabcdefghijabc
long32=abcdefghijabcdefghijabcdefghijab
for bad in "" "has space" "dot.name" 'back\slash' "slash/name" "$long33" "CON" "nul" "com1" "LPT9" "caf$(printf '\303\251')"; do
    run plume create "$bad"
    expect "create refuses the name '$bad'" 2 "" "VM name|cannot be empty"
done
for cmd in info ps stop rm; do
    run plume "$cmd" "bad*name"
    expect "$cmd refuses a malformed name" 2 "" "outside A-Z"
done
if [ -d "$VMS" ] && [ -n "$(ls -A "$VMS")" ]; then
    fail "refused names left no VM folder behind" "found: $(ls "$VMS")"
else
    pass "refused names left no VM folder behind"
fi

# The lifecycle.
run plume create web-1
expect "create makes a VM" 0 "created VM 'web-1'"
run plume create "$long32"
expect "a 32-character name is accepted" 0 "created VM"
run plume create WEB-1
expect "names ignore case: WEB-1 clashes with web-1" 1 "" "already exists"
run plume create web-1
expect "create refuses an existing VM" 1 "" "already exists"
run plume list
expect "list shows the VM, stopped" 0 "^web-1 +stopped +0 "
run plume info web-1
expect "info shows the VM" 0 "^name: +web-1$"
expect "info shows its config file" 0 "config: +C:\\\\ProgramData\\\\plume\\\\vms\\\\web-1\\\\vm.ini"
run plume info Web-1
expect "info finds the VM in another letter case" 0 "^name: +web-1$"
run plume info missing
expect "info on a missing VM fails clearly" 1 "" "no VM named 'missing'"
run plume stop web-1
expect "stop on a stopped VM is harmless" 0 "not running"

# A broken vm.ini is reported, not trusted.
mkdir -p "$VMS/broken"
printf '[vm\nname = broken\n' >"$VMS/broken/vm.ini"
run plume info broken
expect "a malformed vm.ini is reported with its line" 1 "" "vm.ini line 1: section header is missing"
run plume list
expect "list skips a broken VM and says why" 0 "^web-1 " "skipping folder 'broken'"
rm -rf "$VMS/broken"

# State survives a restart of every process, the wineserver included.
"$WINESERVER" -k
"$WINESERVER" -w
"$WINESERVER" -p60
run plume list
expect "VMs persist across a wineserver restart" 0 "^web-1 +stopped"

run plume rm web-1
expect "rm deletes a stopped VM" 0 "removed VM 'web-1'"
if [ -e "$VMS/web-1" ]; then fail "rm removed the VM's folder"; else pass "rm removed the VM's folder"; fi
run plume rm web-1
expect "rm on a missing VM fails clearly" 1 "" "no VM named 'web-1'"
run plume list
expect_count "list no longer shows the removed VM" 0 "$T_OUT" "^web-1 "

test_end
