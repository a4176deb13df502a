# The Wine integration tests' harness (sourced by each t_*.sh).
#
# A test file calls `test_begin NAME`, then checks, then `test_end`. Each
# check prints "ok - ..." or "not ok - ..." with what was expected and got;
# test_end prints the file's "N passed, N failed" line and exits non-zero on
# any failure. Every test file runs in a private Wine prefix with its own
# wineserver, stopped and deleted at the end, whatever happens.

set -u
PLUME_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$PLUME_ROOT/scripts/wine-lib.sh"

T_PASSED=0
T_FAILED=0
T_NAME=""
T_TMP=""
T_OUT=""
T_ERR=""
T_RC=0

test_begin() {
    T_NAME=$1
    T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/plume-$T_NAME.XXXXXX")
    trap 'test_cleanup' EXIT INT TERM
    if ! wine_clone_prefix "$T_TMP/prefix"; then
        echo "not ok - $T_NAME: cannot prepare a Wine prefix"
        exit 1
    fi
    PROBE=$(winpath "$PLUME_BIN/probe.exe")
    TMPWIN=$(winpath "$T_TMP")
    VMS="$WINEPREFIX/drive_c/ProgramData/plume/vms"
}

test_cleanup() {
    wine_drop_prefix
    [ -n "$T_TMP" ] && rm -rf "$T_TMP"
}

test_end() {
    echo "$T_NAME: $T_PASSED passed, $T_FAILED failed"
    [ "$T_FAILED" -eq 0 ]
    exit $?
}

pass() {
    T_PASSED=$((T_PASSED + 1))
    echo "ok - $1"
}

fail() {
    T_FAILED=$((T_FAILED + 1))
    echo "not ok - $1"
    shift
    for line in "$@"; do
        printf '    %s\n' "$line"
    done
}

# run CMD...: runs it, keeping stdout, stderr (CR stripped) and status.
run() {
    "$@" >"$T_TMP/out" 2>"$T_TMP/err"
    T_RC=$?
    T_OUT=$(tr -d '\r' <"$T_TMP/out")
    T_ERR=$(tr -d '\r' <"$T_TMP/err")
}

# expect DESCRIPTION RC [PATTERN_STDOUT [PATTERN_STDERR]]: checks the last run.
# Patterns are grep -E expressions; "" skips one.
expect() {
    desc=$1 want_rc=$2 out_re=${3:-} err_re=${4:-}
    problems=""
    [ "$T_RC" -eq "$want_rc" ] || problems="exit status $T_RC, expected $want_rc"
    if [ -n "$out_re" ] && ! printf '%s\n' "$T_OUT" | grep -Eq -- "$out_re"; then
        problems="$problems${problems:+; }stdout lacks /$out_re/"
    fi
    if [ -n "$err_re" ] && ! printf '%s\n' "$T_ERR" | grep -Eq -- "$err_re"; then
        problems="$problems${problems:+; }stderr lacks /$err_re/"
    fi
    if [ -z "$problems" ]; then
        pass "$desc"
    else
        fail "$desc" "$problems" "stdout: $(printf '%s' "$T_OUT" | head -c 600)" "stderr: $(printf '%s' "$T_ERR" | head -c 600)"
    fi
}

# expect_count DESCRIPTION WANT TEXT PATTERN: TEXT has exactly WANT lines matching PATTERN.
expect_count() {
    got=$(printf '%s\n' "$3" | grep -Ec -- "$4")
    if [ "$got" -eq "$2" ]; then
        pass "$1"
    else
        fail "$1" "expected $2 lines matching /$4/, got $got" "text: $(printf '%s' "$3" | head -c 600)"
    fi
}

# expect_true DESCRIPTION COMMAND...: the command succeeds.
expect_true() {
    desc=$1
    shift
    if "$@"; then
        pass "$desc"
    else
        fail "$desc" "command failed: $*"
    fi
}

# wait_for SECONDS COMMAND...: polls until COMMAND succeeds or time runs out.
wait_for() {
    limit=$(( $1 * 10 ))
    shift
    i=0
    while [ $i -lt $limit ]; do
        "$@" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# at WHERE EXE ARGS...: runs build/win/EXE on the host (WHERE=host) or
# inside VM WHERE.
at() {
    where=$1 exe=$2
    shift 2
    if [ "$where" = host ]; then
        "$WINE64" "$PLUME_BIN/$exe" "$@"
    else
        plume run "$where" -- "$(winpath "$PLUME_BIN/$exe")" "$@"
    fi
}

# hold_at WHERE TAG EXE ARGS...: starts a long-running EXE in the background
# and waits until it has printed its first result ("->"); its output goes to
# $T_TMP/TAG. Host ones are ended by release, VM ones by stopping the VM.
HOST_HOLDERS=""
hold_at() {
    where=$1 tag=$2 exe=$3
    shift 3
    for attempt in 1 2; do
        # A report left by an earlier holder of the same tag must not be
        # taken for this one's.
        rm -f "$T_TMP/$tag"
        if [ "$where" = host ]; then
            "$WINE64" "$PLUME_BIN/$exe" "$@" >"$T_TMP/$tag" 2>&1 &
            HOST_HOLDERS="$HOST_HOLDERS $!"
        else
            plume run "$where" -- "$(winpath "$PLUME_BIN/$exe")" "$@" >"$T_TMP/$tag" 2>&1 &
        fi
        wait_for 20 grep -qs -- "->" "$T_TMP/$tag" && return 0
        start_failed "$(cat "$T_TMP/$tag" 2>/dev/null)" "" || return 1
        echo "note - $exe $* in $where did not start (Wine process start failure); retrying once"
    done
    return 1
}

# start_failed STDOUT STDERR: whether a run printed nothing of its own, the
# sign of a Wine process that failed to start at all (seen now and then
# under load: an empty run, "Internal error", "Bad EXE format" or a DLL not
# found while loading). Such a run is retried once; its checks then apply to
# the retry.
start_failed() {
    [ -z "$1" ] || return 1
    [ -z "$2" ] && return 0
    printf '%s\n' "$2" | grep -Eq "Internal error|Bad EXE format|status 0xC0000135"
}

# release [VM...]: ends every holder: stops the VMs named (default a and b)
# and the host holders.
release() {
    for vm in ${*:-a b}; do
        plume stop "$vm" >/dev/null
    done
    # shellcheck disable=SC2086
    [ -n "$HOST_HOLDERS" ] && kill $HOST_HOLDERS 2>/dev/null
    HOST_HOLDERS=""
    wait
}

# check_at DESCRIPTION WANT WHERE EXE ARGS...: one call whose printed result
# ("-> WANT") is checked, whatever its exit status.
check_at() {
    desc=$1 want=$2
    shift 2
    run at "$@"
    if start_failed "$T_OUT" "$T_ERR"; then
        echo "note - $2 $3 in $1 did not start (Wine process start failure, exit $T_RC); retrying once"
        run at "$@"
    fi
    if printf '%s\n' "$T_OUT" | grep -Eq -- "-> $want( |$)"; then
        pass "$desc"
    else
        fail "$desc" "want -> $want" "stdout: $T_OUT" "stderr: $T_ERR"
    fi
}

# held TAG WANT DESCRIPTION: the holder TAG reported WANT.
held() {
    if grep -q -- "-> $2" "$T_TMP/$1"; then
        pass "$3"
    else
        fail "$3" "want -> $2" "$(cat "$T_TMP/$1")"
    fi
}
