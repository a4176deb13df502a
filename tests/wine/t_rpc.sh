#!/bin/sh
# RPC over ncalrpc and ncacn_np with a fixed endpoint: the same server
# binary under the same endpoint runs in VM a, VM b and on the host at
# once, and each client reaches its own place's server.
. "$(dirname "$0")/lib.sh"
test_begin rpc

plume create a >/dev/null
plume create b >/dev/null

for protseq in ncalrpc ncacn_np; do
    ep="plumetest_$protseq"
    hold_at a ra rpcsrv.exe "$protseq" "$ep" TOKEN-A 30
    hold_at b rb rpcsrv.exe "$protseq" "$ep" TOKEN-B 30
    held ra "listening" "$protseq: the RPC server listens on endpoint $ep in VM a"
    held rb "listening" "$protseq: the same server listens on the same endpoint in VM b at the same time"
    check_at "$protseq: a client in VM a is answered by VM a's server" "answer=TOKEN-A" a rpccli.exe "$protseq" "$ep"
    check_at "$protseq: a client in VM b is answered by VM b's server" "answer=TOKEN-B" b rpccli.exe "$protseq" "$ep"
    check_at "$protseq: a client on the host reaches no VM's server" "failed" host rpccli.exe "$protseq" "$ep"
    hold_at host rh rpcsrv.exe "$protseq" "$ep" TOKEN-H 30
    held rh "listening" "$protseq: a host server listens on the same endpoint too"
    check_at "$protseq: a host client is answered by the host's server" "answer=TOKEN-H" host rpccli.exe "$protseq" "$ep"
    check_at "$protseq: VM a's client still reaches VM a's server" "answer=TOKEN-A" a rpccli.exe "$protseq" "$ep"
    release
    hold_at a ra2 rpcsrv.exe "$protseq" "${ep}_only" TOKEN-A 30
    check_at "$protseq: a client in VM b does not reach VM a's server" "failed" b rpccli.exe "$protseq" "${ep}_only"
    release
done

# The policy can open a VM's way to a host RPC server.
cp "$VMS/a/vm.ini" "$T_TMP/a.ini"
printf '[pipes]\r\nopen = lrpc\\plumetest_shared\r\n' >>"$VMS/a/vm.ini"
hold_at host rs rpcsrv.exe ncalrpc plumetest_shared TOKEN-H 30
check_at "a host RPC server the policy opens answers VM a" "answer=TOKEN-H" a rpccli.exe ncalrpc plumetest_shared
check_at "VM b, whose policy does not open it, is not answered" "failed" b rpccli.exe ncalrpc plumetest_shared
release
cp "$T_TMP/a.ini" "$VMS/a/vm.ini"

test_end
