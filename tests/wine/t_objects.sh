#!/bin/sh
# Named kernel objects (principle 1): every type, every way of naming it,
# in the same VM, across VMs, host to VM and VM to host; the escapes; the
# policy; the trace; the single-instance scenario.
. "$(dirname "$0")/lib.sh"
test_begin objects

OBJTOOL=$(winpath "$PLUME_BIN/objtool.exe")
plume create a >/dev/null
plume create b >/dev/null

# obj WHERE ARGS..., hold WHERE TAG ARGS..., check DESC WANT WHERE ARGS...:
# objtool through the harness's at, hold_at and check_at.
obj() { where=$1; shift; at "$where" objtool.exe "$@"; }
hold() { where=$1 tag=$2; shift 2; hold_at "$where" "$tag" objtool.exe "$@"; }
check() { desc=$1 want=$2 where=$3; shift 3; check_at "$desc" "$want" "$where" objtool.exe "$@"; }

# The matrix. Each type is named in every way the Nt calls accept; the
# Win32 spellings go through kernelbase, which passes the session's
# BaseNamedObjects directory as a RootDirectory handle.
n=0
for type in mutex event semaphore timer section job iocp keyedevent directory; do
    for naming in nt-global nt-session root-global win-global win-local win-session win-plain; do
        n=$((n + 1))
        name="m${n}_$type"
        case $naming in
            nt-global) c="create $type \\BaseNamedObjects\\$name"; o="open $type \\BaseNamedObjects\\$name" ;;
            nt-session) c="create $type \\Sessions\\1\\BaseNamedObjects\\$name"; o="open $type \\Sessions\\1\\BaseNamedObjects\\$name" ;;
            root-global) c="rcreate $type \\BaseNamedObjects $name"; o="ropen $type \\BaseNamedObjects $name" ;;
            win-global) c="wcreate $type Global\\$name"; o="wopen $type Global\\$name" ;;
            win-local) c="wcreate $type Local\\$name"; o="wopen $type Local\\$name" ;;
            win-session) c="wcreate $type Session\\1\\$name"; o="wopen $type Session\\1\\$name" ;;
            win-plain) c="wcreate $type $name"; o="wopen $type $name" ;;
        esac
        case "$type:$naming" in
            # Win32 has no call for these types.
            iocp:win-*|keyedevent:win-*|directory:win-*) continue ;;
        esac
        # shellcheck disable=SC2086
        {
            hold host "h$n" $c 8000
            grep -q -- "-> created" "$T_TMP/h$n" && pass "$type $naming: the host creates its own object" ||
                fail "$type $naming: the host creates its own object" "$(cat "$T_TMP/h$n")"
            hold a "a$n" $c 8000
            grep -q -- "-> created" "$T_TMP/a$n" && pass "$type $naming: VM a creates a new object, not the host's" ||
                fail "$type $naming: VM a creates a new object, not the host's" "$(cat "$T_TMP/a$n")"
            check "$type $naming: another process of VM a opens VM a's object" opened a $o
            check "$type $naming: VM b does not see VM a's object" notfound b $o
            check "$type $naming: VM b creates its own, separate object" created b $c
            check "$type $naming: the host still opens its own object" opened host $o
        }
        release
    done
done

# Waiting: an event set in one process of a VM wakes a waiter in another;
# a set from another VM or from the host reaches nothing.
hold a ev wcreate event 'Local\ready' 10000
hold a w1 waitevent 'Local\ready' 8000
check "VM b cannot set VM a's event" notfound b setevent 'Local\ready'
check "the host cannot set VM a's event" notfound host setevent 'Local\ready'
grep -q -- "-> waiting" "$T_TMP/w1" && ! grep -q -- "-> signaled" "$T_TMP/w1" &&
    pass "VM a's waiter is still waiting after the attempts from outside" ||
    fail "VM a's waiter is still waiting after the attempts from outside" "$(cat "$T_TMP/w1")"
check "another process of VM a sets the event" set a setevent 'Local\ready'
wait_for 10 grep -q -- "-> signaled" "$T_TMP/w1"
grep -q -- "-> signaled" "$T_TMP/w1" && pass "the waiter in VM a wakes" ||
    fail "the waiter in VM a wakes" "$(cat "$T_TMP/w1")"
release

# Host to VM: what only a VM made is not visible on the host.
hold a ha create mutex '\BaseNamedObjects\onlyinvm' 8000
check "the host cannot open an object that only VM a made" notfound host open mutex '\BaseNamedObjects\onlyinvm'
hold host hm create mutex '\BaseNamedObjects\hostonly1' 8000
check "VM to host: VM a cannot open a host-only object" notfound a open mutex '\BaseNamedObjects\hostonly1'
release

# Sections: the same memory inside a VM, none across.
hold a sw swrite 'Local\shm' "hello from a" 8000
check "a section written in VM a reads back in VM a" "text=hello from a" a sread 'Local\shm'
check "VM b cannot open VM a's section" notfound b sread 'Local\shm'
check "the host cannot open VM a's section" notfound host sread 'Local\shm'
release

# Escapes.
hold a esc create mutex '\BaseNamedObjects\secret' 10000
check "VM b cannot open VM a's object by its private name" notfound b open mutex '\BaseNamedObjects\plume!a!secret'
check "nor by a case variation of it" notfound b open mutex '\BASENAMEDOBJECTS\PLUME!A!SECRET'
check "nor through the session directory's Global link" notfound b open mutex '\Sessions\1\BaseNamedObjects\Global\plume!a!secret'
check "nor relative to the BaseNamedObjects directory" notfound b ropen mutex '\BaseNamedObjects' 'plume!A!secret'
check "VM b cannot create an object in VM a's namespace" denied b create mutex '\BaseNamedObjects\plume!a!planted'
check "VM a reaches its own object by its private name" opened a open mutex '\BaseNamedObjects\plume!a!secret'
check "a symbolic link into VM a's namespace is refused" denied b symlink '\BaseNamedObjects\lnk' '\BaseNamedObjects\plume!a!secret'
hold a lnk symlink '\BaseNamedObjects\lnk' '\BaseNamedObjects\secret' 8000
grep -q -- "-> created" "$T_TMP/lnk" && pass "VM a creates a symbolic link to its own object" ||
    fail "VM a creates a symbolic link to its own object" "$(cat "$T_TMP/lnk")"
check "VM a's link leads to VM a's object" opened a open mutex '\BaseNamedObjects\lnk'
check "VM b does not see VM a's link" notfound b open mutex '\BaseNamedObjects\lnk'
hold a dir create directory '\BaseNamedObjects\vmdir' 8000
check "VM a creates an object inside its own directory" created a rcreate mutex '\BaseNamedObjects\vmdir' inner
check "VM b cannot open VM a's directory" notfound b open directory '\BaseNamedObjects\vmdir'
check "an over-long name is refused clearly in a VM" toolong a create mutex @1100
check "the same over-long name is the host's business" created host create mutex @1100
check "a doubled separator is refused as on the host" invalid a create mutex '\BaseNamedObjects\\x'

run obj host bad
host_bad=$T_OUT
run obj a bad
if [ "$T_OUT" = "$host_bad" ] && printf '%s\n' "$T_OUT" | grep -q -- "-> survived"; then
    pass "hostile OBJECT_ATTRIBUTES get the same answers in a VM as on the host, and no crash"
else
    fail "hostile OBJECT_ATTRIBUTES get the same answers in a VM as on the host, and no crash" "host: $host_bad" "vm: $T_OUT"
fi

# Listings: VM a sees its own objects (without plume's tag) and the host
# objects its policy opens; never VM b's nor other host objects.
hold host hw create mutex '\BaseNamedObjects\__wine_plumetest' 8000
hold host hh create mutex '\BaseNamedObjects\hostonly' 8000
hold b bl create mutex '\BaseNamedObjects\bsecret' 8000
run obj a list '\BaseNamedObjects'
expect_count "VM a's listing shows its own object under its own name" 1 "$T_OUT" "^entry secret Mutant"
expect_count "VM a's listing shows its own directory" 1 "$T_OUT" "^entry vmdir Directory"
expect_count "VM a's listing shows a host object its policy opens" 1 "$T_OUT" "^entry __wine_plumetest "
expect_count "VM a's listing hides host objects its policy does not open" 0 "$T_OUT" "^entry hostonly "
expect_count "VM a's listing hides VM b's objects" 0 "$T_OUT" "bsecret"
expect_count "VM a's listing shows no private tag at all" 0 "$T_OUT" "plume!"
run obj host list '\BaseNamedObjects'
expect_count "the host's listing is unfiltered" 1 "$T_OUT" "^entry hostonly "
release

# Policy: open and closed lists from vm.ini.
printf '[objects]\r\nopen = Global\\shared*, hostlink\r\nclosed = Global\\forbidden*, Local\\nope\r\n' >>"$VMS/a/vm.ini"
hold host sh create mutex '\BaseNamedObjects\shared1' 8000
check "a host object the policy opens is reachable from VM a" opened a open mutex '\BaseNamedObjects\shared1'
check "the same name is private in VM b, whose policy does not open it" notfound b open mutex '\BaseNamedObjects\shared1'
check "a closed name is refused in VM a" denied a create mutex '\BaseNamedObjects\forbidden7'
check "a closed Local name is refused through the Win32 call" denied a wcreate mutex 'Local\nope'
check "a closed name is refused when opened too" denied a wopen mutex 'Global\forbidden7'
# A host link the policy opens must still not lead into another VM.
hold b target create mutex '\BaseNamedObjects\btarget' 8000
hold host hl symlink '\BaseNamedObjects\hostlink' '\BaseNamedObjects\plume!b!btarget' 8000
check "a host link the policy opens cannot lead VM a into VM b (the object reached is checked)" notfound a open mutex '\BaseNamedObjects\hostlink'
hold a chain symlink '\BaseNamedObjects\chain' '\BaseNamedObjects\hostlink' 8000
check "nor can a private link of VM a that leads through that host link" notfound a open mutex '\BaseNamedObjects\chain'
release

cp "$VMS/b/vm.ini" "$T_TMP/b.ini"
printf '[objects]\r\nbogus = 1\r\n' >>"$VMS/b/vm.ini"
run plume run b -- "$OBJTOOL" create mutex '\BaseNamedObjects\x'
expect "a bad policy stops plume run with the line at fault" 125 "" "vm.ini line [0-9]+: unknown key 'bogus' in \[objects\]"
run plume list
expect "list reports the bad policy" 0 "" "skipping folder 'b': vm.ini line"
cp "$T_TMP/b.ini" "$VMS/b/vm.ini"

# Trace.
run plume trace a --on
expect "trace --on" 0 "trace of VM 'a' is on"
run obj a wcreate mutex 'Local\traced'
run plume trace a
expect "the trace records the call, the names and the verdict" 0 \
    "NtCreateMutant	mutex	\\\\Sessions\\\\1\\\\BaseNamedObjects\\\\Local\\\\traced	\\\\Sessions\\\\1\\\\BaseNamedObjects\\\\plume!a!traced	private/renamed"
run obj a create mutex '\BaseNamedObjects\forbidden9'
run plume trace a
expect "the trace records refusals with their reason" 0 "forbidden9	-	deny/closed"
run plume trace a --on --off
expect "contradicting trace options are refused" 2 "" "contradicts"
run plume trace a --clear
expect "trace --clear" 0 "cleared"
run plume trace a --off
run obj a wcreate mutex 'Local\untraced'
run plume trace a
expect_count "with the trace off nothing is recorded" 0 "$T_OUT" "untraced"
expect "showing a trace that is off says so" 0 "" "tracing is off"

# The single-instance program: once per VM, and once on the host.
hold a s1 single App
hold b s2 single App
grep -q "first instance" "$T_TMP/s1" && pass "a single-instance program starts in VM a" || fail "a single-instance program starts in VM a" "$(cat "$T_TMP/s1")"
grep -q "first instance" "$T_TMP/s2" && pass "the same program starts at the same time in VM b" || fail "the same program starts at the same time in VM b" "$(cat "$T_TMP/s2")"
run obj a single App
expect "a second copy in VM a is refused by the program itself" 3 "already running"
hold host s3 single App
grep -q "first instance" "$T_TMP/s3" && pass "a copy on the host runs too" || fail "a copy on the host runs too" "$(cat "$T_TMP/s3")"
release

test_end
