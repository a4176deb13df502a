#!/bin/sh
# Named pipes, mailslots and ports (principle 1 for message channels): every
# spelling, same VM / other VM / host to VM / VM to host, WaitNamedPipe and
# CallNamedPipe, names with backslashes, the escapes, the policy, and ports
# through the trace (Wine implements no ports).
. "$(dirname "$0")/lib.sh"
test_begin channels

plume create a >/dev/null
plume create b >/dev/null
plume trace a --on >/dev/null
plume trace b --on >/dev/null

ch() { where=$1; shift; at "$where" chantool.exe "$@"; }
hold() { where=$1 tag=$2; shift 2; hold_at "$where" "$tag" chantool.exe "$@"; }
check() { desc=$1 want=$2 where=$3; shift 3; check_at "$desc" "$want" "$where" chantool.exe "$@"; }

# One server per place, all under the same name: each client must reach the
# server of its own VM, and the host's clients the host's.
for name in svc 'lrpc\plumetest'; do
    hold a sa serve "\\\\.\\pipe\\$name" TOKEN-A 20000
    hold b sb serve "\\\\.\\pipe\\$name" TOKEN-B 20000
    hold host sh serve "\\\\.\\pipe\\$name" TOKEN-H 20000
    held sa listening "pipe $name: a server starts in VM a"
    held sb listening "pipe $name: a server of the same name starts in VM b at the same time"
    held sh listening "pipe $name: and one on the host"
    for spelling in "\\\\.\\pipe\\$name" "\\\\?\\pipe\\$name" "\\\\.\\PIPE\\$(printf '%s' "$name" | tr a-z A-Z)"; do
        check "pipe $name, client $spelling in VM a reaches VM a's server" "answer=TOKEN-A" a call "$spelling"
        check "pipe $name, client $spelling in VM b reaches VM b's server" "answer=TOKEN-B" b call "$spelling"
        check "pipe $name, client $spelling on the host reaches the host's server" "answer=TOKEN-H" host call "$spelling"
    done
    for nt in "\\??\\pipe\\$name" "\\Device\\NamedPipe\\$name" "\\DEVICE\\NAMEDPIPE\\$name"; do
        check "pipe $name, NtOpenFile $nt in VM a opens VM a's pipe" opened a ntopen "$nt"
    done
    check "pipe $name, relative to an opened \\Device\\NamedPipe\\ root in VM a" opened a rootopen '\Device\NamedPipe\' "$name"
    check "pipe $name, WaitNamedPipe in VM a sees VM a's server" available a wait "\\\\.\\pipe\\$name" 2000
    check "pipe $name, CallNamedPipe in VM a reaches VM a's server" "answer=TOKEN-A" a callpipe "\\\\.\\pipe\\$name"
    check "pipe $name, CallNamedPipe in VM b reaches VM b's server" "answer=TOKEN-B" b callpipe "\\\\.\\pipe\\$name"
    release
done

# Only one side has a server.
hold a oa serve '\\.\pipe\onlya' TOKEN-A 20000
check "VM b does not find VM a's pipe" notfound b call '\\.\pipe\onlya'
check "WaitNamedPipe in VM b does not find it either" notfound b wait '\\.\pipe\onlya' 500
check "the host does not find VM a's pipe" notfound host call '\\.\pipe\onlya'
hold host oh serve '\\.\pipe\onlyhost' TOKEN-H 20000
check "VM a does not find the host's pipe" notfound a call '\\.\pipe\onlyhost'
check "VM a's CallNamedPipe does not reach the host's pipe" notfound a callpipe '\\.\pipe\onlyhost'

# Escapes.
check "VM b cannot reach VM a's pipe by its private name" notfound b call '\\.\pipe\plume!a!onlya'
check "nor by its private name in another case" notfound b ntopen '\Device\NamedPipe\PLUME!A!ONLYA'
check "nor through the redirector to this machine" notfound b ntopen '\??\UNC\localhost\pipe\onlya'
check "a pipe name with a .. component is refused" invalid b ntopen '\??\pipe\x\..\plume!a!onlya'
check "a pipe name with a doubled separator is refused" invalid b ntopen '\Device\NamedPipe\x\\onlya'
long=$(head -c 1100 /dev/zero | tr '\0' x)
check "an over-long pipe name is refused clearly" toolong b ntopen "\\Device\\NamedPipe\\$long"
release

# Mailslots.
hold a ma mailserve '\\.\mailslot\box' 8000
hold b mb mailserve '\\.\mailslot\box' 8000
held ma listening "a mailslot starts in VM a"
held mb listening "a mailslot of the same name starts in VM b"
check "a client in VM a writes to VM a's mailslot" sent a mailsend '\\.\mailslot\box' from-a
check "a client in VM b writes to VM b's mailslot" sent b mailsend '\\.\mailslot\box' from-b
check "the host finds no mailslot of that name" notfound host mailsend '\\.\mailslot\box' from-host
wait_for 10 grep -q "got=" "$T_TMP/ma"
held ma "got=from-a" "VM a's mailslot got VM a's message, and only it"
held mb "got=from-b" "VM b's mailslot got VM b's message, and only it"
release
hold a mo mailserve '\\.\mailslot\onlya' 8000
check "a client in VM b cannot write to a mailslot only VM a has" notfound b mailsend '\\.\mailslot\onlya' from-b
check "nor by its private name" notfound b mailsend '\\.\mailslot\plume!a!onlya' from-b
check "nor can the host" notfound host mailsend '\\.\mailslot\onlya' from-host
check "another process of VM a can" sent a mailsend '\\.\mailslot\onlya' from-a
release

# Policy: the host pipes a VM may reach, and the ones it may not create.
cp "$VMS/a/vm.ini" "$T_TMP/a.ini"
printf '[pipes]\r\nopen = shared*\r\nclosed = forbidden*\r\n' >>"$VMS/a/vm.ini"
hold host ps serve '\\.\pipe\shared1' TOKEN-H 20000
check "a host pipe the policy opens is reachable from VM a" "answer=TOKEN-H" a call '\\.\pipe\shared1'
check "the same pipe stays private in VM b" notfound b call '\\.\pipe\shared1'
check "a closed pipe name cannot be served in VM a" denied a serve '\\.\pipe\forbidden1' X 100
check "a closed pipe name cannot be opened in VM a" denied a call '\\.\pipe\forbidden1'
release
cp "$T_TMP/a.ini" "$VMS/a/vm.ini"

run plume trace a
expect "pipe servers are traced with both names" 0 "NtCreateNamedPipeFile	pipe	\\\\\?\\?\\\\pipe\\\\svc	\\\\Device\\\\NamedPipe\\\\plume!a!svc	private/renamed"
expect "pipe clients are traced with both names" 0 "NtCreateFile	pipe	\\\\\?\\?\\\\pipe\\\\svc	\\\\Device\\\\NamedPipe\\\\plume!a!svc	private/renamed"
expect "WaitNamedPipe's buffer is traced" 0 "NtFsControlFile\(FSCTL_PIPE_WAIT\)	pipe	svc	plume!a!svc	private/renamed"
run plume trace b
expect "refusals are traced with their reason" 0 "pipe	.*plume!a!onlya	-	deny/other-vm"
expect "a .. component is traced as a bad name" 0 "pipe	.*\\\\\\.\\.\\\\.*	-	deny/bad-name"

# Ports: Wine has none, so the decision is read from the trace.
plume trace a --clear >/dev/null
run ch a portcreate '\RPC Control\myport'
run ch a portconnect '\RPC Control\myport'
run ch a portconnect '\RPC Control\plume!b!myport'
run plume trace a
expect "NtCreatePort renames a port under \\RPC Control into the VM" 0 \
    "NtCreatePort	port	\\\\RPC Control\\\\myport	\\\\RPC Control\\\\plume!a!myport	private/renamed"
expect "NtConnectPort renames the client's port name the same way" 0 \
    "NtConnectPort	port	\\\\RPC Control\\\\myport	\\\\RPC Control\\\\plume!a!myport	private/renamed"
expect "NtConnectPort to another VM's port is refused" 0 "NtConnectPort	port	\\\\RPC Control\\\\plume!b!myport	-	deny/other-vm"
cp "$VMS/a/vm.ini" "$T_TMP/a.ini"
printf '[ports]\r\nopen = hostport\r\nclosed = secretport\r\n' >>"$VMS/a/vm.ini"
run ch a portconnect '\RPC Control\hostport'
run ch a portconnect '\RPC Control\secretport'
run ch a portconnect '\Windows\ApiPort'
cp "$T_TMP/a.ini" "$VMS/a/vm.ini"
run plume trace a
expect "a port the [ports] policy opens is reached on the host, unrenamed" 0 \
    "NtConnectPort	port	\\\\RPC Control\\\\hostport	\\\\RPC Control\\\\hostport	host/open"
expect "a port the [ports] policy closes is refused" 0 "NtConnectPort	port	\\\\RPC Control\\\\secretport	-	deny/closed"
expect "a system port outside \\RPC Control is left to the host" 0 \
    "NtConnectPort	port	\\\\Windows\\\\ApiPort	\\\\Windows\\\\ApiPort	host/system"

test_end
