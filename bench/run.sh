#!/bin/sh
# make bench: plume against native, side by side, in one run.
#
# Prints a Markdown table for the README on stdout (and the machine it ran
# on); progress goes to stderr. Benchmarks, not tests: nothing passes or
# fails on a threshold. A command that fails is repeated (its time is not
# used) and listed under the table; three failures in a row end the run.
#
# Every timed figure is the median over rounds; wherever there is a baseline
# it is measured in the same round as plume's figure, alternately
# (baseline, plume, baseline, plume, ...), so that the machine's noise falls
# on both. Runs in a private Wine prefix (build/wine/bench), removed at the end.
#
# Rounds can be changed for a quick or a careful run:
#   BENCH_SPAWN_ROUNDS (15) x BENCH_SPAWNS (20)   process starts, in-process
#   BENCH_RUN_ROUNDS (30)                         plume run vs wine64
#   BENCH_CREATE_ROUNDS (30)                      plume create / rm
#   BENCH_MEM_SAMPLES (5)                         processes per memory figure
#   BENCH_OBJ_ROUNDS (7) x BENCH_OBJ_CALLS (2000)  intercepted system calls,
#                                                 in-process (calls per op)
#   BENCH_PIPE_ROUNDS (11) x BENCH_PIPE_CALLS (2000)  named pipes and a file
#                                                 open, in-process (per op)
set -u
PLUME_ROOT=$(cd "$(dirname "$0")/.." && pwd)
# Never touch a prefix of the caller's: wine_drop_prefix deletes WINEPREFIX.
unset WINEPREFIX
. "$PLUME_ROOT/scripts/wine-lib.sh"

SPAWN_ROUNDS=${BENCH_SPAWN_ROUNDS:-15}
SPAWNS=${BENCH_SPAWNS:-20}
RUN_ROUNDS=${BENCH_RUN_ROUNDS:-30}
CREATE_ROUNDS=${BENCH_CREATE_ROUNDS:-30}
MEM_SAMPLES=${BENCH_MEM_SAMPLES:-5}
OBJ_ROUNDS=${BENCH_OBJ_ROUNDS:-7}
OBJ_CALLS=${BENCH_OBJ_CALLS:-2000}
PIPE_ROUNDS=${BENCH_PIPE_ROUNDS:-11}
PIPE_CALLS=${BENCH_PIPE_CALLS:-2000}

BENCH_PREFIX="$PLUME_ROOT/build/wine/bench"
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/plume-bench.XXXXXX") || exit 1
HOST_PIDS=""
BEFORE=""
ATTEMPTS=0

cleanup() {
    for pid in $HOST_PIDS; do
        kill "$pid" 2>/dev/null
    done
    [ -z "$HOST_PIDS" ] || wait 2>/dev/null
    HOST_PIDS=""
    wine_drop_prefix
    rm -rf "$BENCH_TMP"
}
trap 'cleanup' EXIT
trap 'exit 130' INT TERM

# printf, not echo: dash's echo would read the backslashes of Windows paths.
log() {
    printf 'bench: %s\n' "$*" >&2
}

die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

for f in plume.exe plumemon.exe plume64.dll probe.exe bench_spawn.exe bench_objects.exe bench_pipes.exe; do
    [ -f "$PLUME_BIN/$f" ] || die "$PLUME_BIN/$f is missing; run make first"
done

# ---------------------------------------------------------------- helpers

# samples FILE: its numbers (microseconds) in ms, sorted, on one line; for
# the progress output, to show the spread behind each median.
samples() {
    sort -n "$1" | awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 / 1000 }'
}

# median: the median of the numbers on stdin, one a line.
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# attempt WHAT CMD...: runs CMD (output in $BENCH_TMP/out and err), timing
# it into ELAPSED_US; runs $BEFORE first if set. A failure is noted in
# $BENCH_TMP/failures and the command repeated, up to 3 times in all: a
# failed run tells nothing about speed, but how often plume failed is itself
# worth printing. `date` runs around every command alike, so its cost
# cancels out of the differences.
attempt() {
    a_what=$1
    shift
    a_try=1
    while :; do
        [ -z "${BEFORE:-}" ] || $BEFORE
        a_t0=$(date +%s%N)
        "$@" >"$BENCH_TMP/out" 2>"$BENCH_TMP/err"
        a_rc=$?
        a_t1=$(date +%s%N)
        ATTEMPTS=$((ATTEMPTS + 1))
        [ $a_rc -ne 0 ] || break
        a_msg=$(tr -d '\r' <"$BENCH_TMP/err" | grep . | head -n 1)
        printf '%s\t%s\t%s\n' "$a_what" "$a_rc" "${a_msg:-no message}" >>"$BENCH_TMP/failures"
        log "$a_what failed (status $a_rc): ${a_msg:-no message}"
        [ $a_try -lt 3 ] || die "$a_what failed 3 times in a row; giving up"
        a_try=$((a_try + 1))
    done
    ELAPSED_US=$(((a_t1 - a_t0) / 1000))
}

# timed FILE WHAT CMD...: attempt, then appends the wall time (us) to FILE.
timed() {
    t_file=$1
    shift
    attempt "$@"
    echo "$ELAPSED_US" >>"$t_file"
}

# The helpers' variables are global (POSIX sh has no local), hence their
# prefixes: none may be named i, the rounds' counter.

# wait_stopped VM: waits until the VM's monitor has exited (it logs each
# start and each exit), so that the next `plume run` starts the VM afresh.
wait_stopped() {
    w_log="$WINEPREFIX/drive_c/ProgramData/plume/vms/$1/monitor.log"
    w_polls=0
    while [ $w_polls -lt 100 ]; do
        w_started=$(grep -c 'monitoring VM' "$w_log" 2>/dev/null)
        w_ended=$(grep -c 'monitor exits' "$w_log" 2>/dev/null)
        [ "${w_started:-0}" = "${w_ended:-0}" ] && return 0
        sleep 0.05
        w_polls=$((w_polls + 1))
    done
    die "VM '$1' did not stop within 5 s after its last process"
}

vm_dir() {
    printf '%s' "$WINEPREFIX/drive_c/ProgramData/plume/vms/$1"
}

disk_bytes() {
    du -sb "$(vm_dir "$1")" | cut -f1
}

# Formatting: microseconds as milliseconds, ratios, signed differences.
fmt_ms() {
    awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'
}
fmt_ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "–" }'
}
fmt_diff_ms() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = (a - b) / 1000; printf "%s%.1f ms", (d >= 0 ? "+" : "−"), (d >= 0 ? d : -d) }'
}
# The same for nanoseconds, shown as microseconds; a difference that rounds
# to zero is shown as +0.0, not −0.0.
fmt_us() {
    awk -v ns="$1" 'BEGIN { printf "%.1f µs", ns / 1000 }'
}
fmt_diff_us() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = (a - b) / 1000; if (d > -0.05) printf "+%.1f µs", (d > 0 ? d : 0); else printf "−%.1f µs", -d }'
}
fmt_diff_int() {
    awk -v a="$1" -v b="$2" -v unit="$3" 'BEGIN { d = a - b; printf "%s%d %s", (d >= 0 ? "+" : "−"), (d >= 0 ? d : -d), unit }'
}

# ------------------------------------------------------------------ setup

log "preparing a private Wine prefix"
wine_clone_prefix "$BENCH_PREFIX" || die "cannot prepare a Wine prefix"
PROBE=$(winpath "$PLUME_BIN/probe.exe")
BENCH_SPAWN=$(winpath "$PLUME_BIN/bench_spawn.exe")
BENCH_OBJECTS=$(winpath "$PLUME_BIN/bench_objects.exe")
BENCH_PIPES=$(winpath "$PLUME_BIN/bench_pipes.exe")
T="$BENCH_TMP"
START_NS=$(date +%s%N)

# ------------------------------------- 1. process start, measured in-process

# spawn_median FILE WHAT CMD...: runs a bench_spawn command, appends the
# median it reports (microseconds) to FILE.
spawn_median() {
    s_file=$1 s_what=$2
    shift 2
    attempt "$s_what" "$@"
    s_us=$(tr -d '\r' <"$T/out" | sed -n 's/^spawn_us median=\([0-9]*\) .*/\1/p')
    [ -n "$s_us" ] || die "$s_what printed no spawn_us line: $(tr -d '\r' <"$T/out")"
    echo "$s_us" >>"$s_file"
}

attempt "plume create spawnvm" plume create spawnvm
i=1
while [ $i -le "$SPAWN_ROUNDS" ]; do
    log "round $i/$SPAWN_ROUNDS process start: $SPAWNS spawns on the host, then $SPAWNS inside a VM"
    spawn_median "$T/spawn_native" "bench_spawn on the host" \
        "$WINE64" "$PLUME_BIN/bench_spawn.exe" "$SPAWNS" "$PROBE" exit 0
    spawn_median "$T/spawn_vm" "bench_spawn inside a VM" \
        plume run spawnvm -- "$BENCH_SPAWN" "$SPAWNS" "$PROBE" exit 0
    i=$((i + 1))
done
SPAWN_NATIVE=$(median <"$T/spawn_native")
SPAWN_VM=$(median <"$T/spawn_vm")
log "process start, round medians (ms), host: $(samples "$T/spawn_native")"
log "process start, round medians (ms), VM:   $(samples "$T/spawn_vm")"

# ------------- 2. plume run end-to-end vs wine64 PROGRAM directly (and 4. disk)

# Two cases: the VM stopped (plume run starts its monitor, as the first run
# of a VM does), and the VM already running (a sleeper keeps its monitor up).
attempt "plume create cold" plume create cold
DISK_CREATED=$(disk_bytes cold)
attempt "plume create warm" plume create warm
attempt "plume run --detach warm" plume run --detach warm -- "$PROBE" sleep 600000

# One untimed run of each first; the cold VM's first run is also the disk
# figure "after a run".
attempt "wine64 probe.exe exit 0" "$WINE64" "$PLUME_BIN/probe.exe" exit 0
attempt "plume run cold" plume run cold -- "$PROBE" exit 0
attempt "plume run warm" plume run warm -- "$PROBE" exit 0
wait_stopped cold
DISK_ONE_RUN=$(disk_bytes cold)
STARTS_ONE_RUN=$(grep -c 'monitoring VM' "$(vm_dir cold)/monitor.log")

i=1
while [ $i -le "$RUN_ROUNDS" ]; do
    log "round $i/$RUN_ROUNDS plume run vs wine64: direct, VM stopped, VM running"
    timed "$T/run_direct" "wine64 probe.exe exit 0" "$WINE64" "$PLUME_BIN/probe.exe" exit 0
    BEFORE="wait_stopped cold"
    timed "$T/run_cold" "plume run cold -- probe.exe exit 0" plume run cold -- "$PROBE" exit 0
    BEFORE=""
    timed "$T/run_warm" "plume run warm -- probe.exe exit 0" plume run warm -- "$PROBE" exit 0
    i=$((i + 1))
done
RUN_DIRECT=$(median <"$T/run_direct")
RUN_COLD=$(median <"$T/run_cold")
RUN_WARM=$(median <"$T/run_warm")
log "run (ms), wine64 probe.exe:    $(samples "$T/run_direct")"
log "run (ms), plume run, stopped:  $(samples "$T/run_cold")"
log "run (ms), plume run, running:  $(samples "$T/run_warm")"
wait_stopped cold
DISK_RUNS=$(disk_bytes cold)
# Per start of the VM, counted in its log: a run that failed and was
# repeated may have started the monitor too.
STARTS_RUNS=$(grep -c 'monitoring VM' "$(vm_dir cold)/monitor.log")
DISK_PER_RUN=$(awk -v a="$DISK_RUNS" -v b="$DISK_ONE_RUN" -v n="$((STARTS_RUNS - STARTS_ONE_RUN))" \
    'BEGIN { printf "%.0f", (n > 0 ? (a - b) / n : 0) }')
ls -l "$(vm_dir cold)" | tail -n +2 | sed 's/^/bench:   cold VM after its runs: /' >&2
attempt "plume stop warm" plume stop warm

# ----------------------------------------------- 3. plume create and rm

attempt "plume --version" plume --version
i=1
while [ $i -le "$CREATE_ROUNDS" ]; do
    log "round $i/$CREATE_ROUNDS plume --version, create, rm"
    timed "$T/version" "plume --version" plume --version
    timed "$T/create" "plume create vm$i" plume create "vm$i"
    timed "$T/rm" "plume rm vm$i" plume rm "vm$i"
    i=$((i + 1))
done
VERSION=$(median <"$T/version")
CREATE=$(median <"$T/create")
RM=$(median <"$T/rm")
log "create (ms), plume --version: $(samples "$T/version")"
log "create (ms), plume create:    $(samples "$T/create")"
log "create (ms), plume rm:        $(samples "$T/rm")"

# ------------------- 5. intercepted system calls, measured in-process

# bench_objects.exe times each operation in one process (per call, the
# median of 21 batches after a warm-up); these are its op names, in the
# order of the table.
OBJ_OPS="create_mutex_named open_mutex create_event_named open_event create_section_named open_section create_mutex_unnamed not_intercepted"

# objects_medians WHERE WHAT CMD...: runs a bench_objects command, appends
# the median it reports for each operation (ns per call) to
# $T/obj_WHERE_OP.
objects_medians() {
    o_where=$1 o_what=$2
    shift 2
    attempt "$o_what" "$@"
    tr -d '\r' <"$T/out" >"$T/objects_out"
    for o_op in $OBJ_OPS; do
        o_ns=$(sed -n "s/^op $o_op median_ns=\([0-9]*\) .*/\1/p" "$T/objects_out")
        [ -n "$o_ns" ] || die "$o_what printed no '$o_op' line: $(cat "$T/objects_out")"
        echo "$o_ns" >>"$T/obj_${o_where}_$o_op"
    done
}

# The VM is kept running by a sleeper, so that no monitor starts or exits
# while bench_objects is timing calls.
attempt "plume create objvm" plume create objvm
attempt "plume run --detach objvm" plume run --detach objvm -- "$PROBE" sleep 600000
# One untimed run of each first.
attempt "bench_objects on the host" "$WINE64" "$PLUME_BIN/bench_objects.exe" "$OBJ_CALLS"
attempt "bench_objects inside a VM" plume run objvm -- "$BENCH_OBJECTS" "$OBJ_CALLS"
i=1
while [ $i -le "$OBJ_ROUNDS" ]; do
    log "round $i/$OBJ_ROUNDS intercepted calls: $OBJ_CALLS of each on the host, then inside a VM"
    objects_medians host "bench_objects on the host" "$WINE64" "$PLUME_BIN/bench_objects.exe" "$OBJ_CALLS"
    objects_medians vm "bench_objects inside a VM" plume run objvm -- "$BENCH_OBJECTS" "$OBJ_CALLS"
    i=$((i + 1))
done
for op in $OBJ_OPS; do
    log "$op, round medians (µs per call), host: $(samples "$T/obj_host_$op")"
    log "$op, round medians (µs per call), VM:   $(samples "$T/obj_vm_$op")"
done
attempt "plume stop objvm" plume stop objvm

# ------------------- 6. named pipes and file opens, measured in-process

# bench_pipes.exe serves a pipe from a thread of its own and times, per
# call, a client connecting to it, a 4 KiB round trip on one connection, a
# plain file open and a call plume does not intercept: both ends of the pipe
# are in the one process, hence both in the VM when it runs in one.
PIPE_OPS="pipe_connect pipe_round_trip file_open not_intercepted"

# pipes_medians WHERE WHAT CMD...: runs a bench_pipes command, appends the
# median it reports for each operation (ns per call) to $T/pipe_WHERE_OP,
# and the connects that found every instance busy to $T/pipe_WHERE_busy.
pipes_medians() {
    p_where=$1 p_what=$2
    shift 2
    attempt "$p_what" "$@"
    tr -d '\r' <"$T/out" >"$T/pipes_out"
    for p_op in $PIPE_OPS; do
        p_ns=$(sed -n "s/^op $p_op median_ns=\([0-9]*\) .*/\1/p" "$T/pipes_out")
        [ -n "$p_ns" ] || die "$p_what printed no '$p_op' line: $(cat "$T/pipes_out")"
        echo "$p_ns" >>"$T/pipe_${p_where}_$p_op"
    done
    sed -n 's/^op pipe_connect .* busy=\([0-9]*\).*/\1/p' "$T/pipes_out" >>"$T/pipe_${p_where}_busy"
}

# As for bench_objects, a sleeper keeps the VM running throughout.
attempt "plume create pipevm" plume create pipevm
attempt "plume run --detach pipevm" plume run --detach pipevm -- "$PROBE" sleep 600000
# One untimed run of each first.
attempt "bench_pipes on the host" "$WINE64" "$PLUME_BIN/bench_pipes.exe" "$PIPE_CALLS"
attempt "bench_pipes inside a VM" plume run pipevm -- "$BENCH_PIPES" "$PIPE_CALLS"
i=1
while [ $i -le "$PIPE_ROUNDS" ]; do
    log "round $i/$PIPE_ROUNDS pipes and file opens: $PIPE_CALLS of each on the host, then inside a VM"
    pipes_medians host "bench_pipes on the host" "$WINE64" "$PLUME_BIN/bench_pipes.exe" "$PIPE_CALLS"
    pipes_medians vm "bench_pipes inside a VM" plume run pipevm -- "$BENCH_PIPES" "$PIPE_CALLS"
    i=$((i + 1))
done
for op in $PIPE_OPS; do
    log "$op, round medians (µs per call), host: $(samples "$T/pipe_host_$op")"
    log "$op, round medians (µs per call), VM:   $(samples "$T/pipe_vm_$op")"
done
PIPE_BUSY_HOST=$(awk '{ s += $1 } END { print s + 0 }' "$T/pipe_host_busy")
PIPE_BUSY_VM=$(awk '{ s += $1 } END { print s + 0 }' "$T/pipe_vm_busy")
log "pipe connects that found every instance busy: host $PIPE_BUSY_HOST, VM $PIPE_BUSY_VM"
attempt "plume stop pipevm" plume stop pipevm

# ------------------------------------------------------------- 7. memory

# proc_table: "VmRSS RssAnon cmdline" (KiB) for every process of our prefix
# whose command line names probe.exe or plumemon.exe. Wine processes show
# their Windows command line in /proc; the prefix tells ours from others'.
proc_table() {
    for f in $(grep -laE 'probe[.]exe|plumemon[.]exe' /proc/[0-9]*/cmdline 2>/dev/null); do
        d=${f%/cmdline}
        tr '\0' '\n' <"$d/environ" 2>/dev/null | grep -qxF "WINEPREFIX=$WINEPREFIX" || continue
        mem=$(awk '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } END { if (r != "") print r, a }' "$d/status" 2>/dev/null)
        [ -n "$mem" ] || continue
        printf '%s %s \n' "$mem" "$(tr '\0' ' ' <"$d/cmdline")"
    done
}

# pick TABLE TEXT COLUMN: column 1 (VmRSS) or 2 (RssAnon) of the one line
# whose command line holds TEXT.
pick() {
    awk -v t="$2" -v c="$3" 'index($0, t) { print $c; n++ } END { if (n != 1) exit 1 }' "$1"
}

i=1
while [ $i -le "$MEM_SAMPLES" ]; do
    log "round $i/$MEM_SAMPLES memory: a sleeping probe.exe on the host, then one in VM mem$i"
    "$WINE64" "$PLUME_BIN/probe.exe" sleep $((60000 + i)) </dev/null >/dev/null 2>&1 &
    HOST_PIDS="$HOST_PIDS $!"
    attempt "plume create mem$i" plume create "mem$i"
    attempt "plume run --detach mem$i" plume run --detach "mem$i" -- "$PROBE" sleep $((70000 + i))
    i=$((i + 1))
done
sleep 1.5
proc_table >"$T/procs"
i=1
while [ $i -le "$MEM_SAMPLES" ]; do
    for col in 1 2; do
        pick "$T/procs" "probe.exe sleep $((60000 + i)) " $col >>"$T/mem_host_$col" ||
            die "cannot find the host's probe.exe sleep $((60000 + i)) in /proc"
        pick "$T/procs" "probe.exe sleep $((70000 + i)) " $col >>"$T/mem_vm_$col" ||
            die "cannot find VM mem$i's probe.exe in /proc"
        pick "$T/procs" "plumemon.exe mem$i " $col >>"$T/mem_mon_$col" ||
            die "cannot find VM mem$i's plumemon.exe in /proc"
    done
    i=$((i + 1))
done
MEM_HOST=$(median <"$T/mem_host_1")
MEM_VM=$(median <"$T/mem_vm_1")
MEM_MON=$(median <"$T/mem_mon_1")
ANON_HOST=$(median <"$T/mem_host_2")
ANON_VM=$(median <"$T/mem_vm_2")
ANON_MON=$(median <"$T/mem_mon_2")
log "memory (KiB, VmRSS/RssAnon): host probes $(paste -d/ "$T/mem_host_1" "$T/mem_host_2" | tr '\n' ' ')"
log "memory (KiB, VmRSS/RssAnon): VM probes   $(paste -d/ "$T/mem_vm_1" "$T/mem_vm_2" | tr '\n' ' ')"
log "memory (KiB, VmRSS/RssAnon): monitors    $(paste -d/ "$T/mem_mon_1" "$T/mem_mon_2" | tr '\n' ' ')"
i=1
while [ $i -le "$MEM_SAMPLES" ]; do
    attempt "plume rm --force mem$i" plume rm --force "mem$i"
    i=$((i + 1))
done
for pid in $HOST_PIDS; do
    kill "$pid" 2>/dev/null
done
wait 2>/dev/null
HOST_PIDS=""
END_NS=$(date +%s%N)
log "measured in $(((END_NS - START_NS) / 1000000000)) s; cleaning up"

# ----------------------------------------------------------------- report

CPU=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
CORES=$(nproc)
WINE_VERSION=$("$WINE64" --version 2>/dev/null)
OS=$(. /etc/os-release 2>/dev/null && printf '%s' "${PRETTY_NAME:-}")
PLUME_VERSION=$(plume --version 2>/dev/null | tr -d '\r' | head -n 1)

# obj_row LABEL OP: one table row for an operation of bench_objects.
obj_row() {
    r_host=$(median <"$T/obj_host_$2")
    r_vm=$(median <"$T/obj_vm_$2")
    echo "| $1 | $(fmt_us "$r_host") | $(fmt_us "$r_vm") | $(fmt_ratio "$r_vm" "$r_host") | $(fmt_diff_us "$r_vm" "$r_host") |"
}

# pipe_row LABEL OP: the same for an operation of bench_pipes. printf, not
# echo: the labels hold backslashes.
pipe_row() {
    r_host=$(median <"$T/pipe_host_$2")
    r_vm=$(median <"$T/pipe_vm_$2")
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$(fmt_us "$r_host")" "$(fmt_us "$r_vm")" \
        "$(fmt_ratio "$r_vm" "$r_host")" "$(fmt_diff_us "$r_vm" "$r_host")"
}

# The report goes to stdout and to build/bench.md, which holds the table
# alone (make's own output shares stdout).
report() {
    echo "### Benchmarks"
    echo
    echo "${CPU:-unknown CPU}, $CORES cores; ${WINE_VERSION:-Wine ?}${OS:+ on $OS}; ${PLUME_VERSION:-plume}; $(date -u '+%Y-%m-%d')."
    echo "Medians over rounds; in each round the baseline and plume ran one after the other. Reproduce with \`make bench\`."
    echo
    echo "| Measurement | baseline | plume | plume / baseline | plume − baseline |"
    echo "|---|--:|--:|--:|--:|"
    echo "| Process start, CreateProcess to exit, in-process: on the host vs inside a VM ($SPAWN_ROUNDS rounds × $SPAWNS spawns) | $(fmt_ms "$SPAWN_NATIVE") | $(fmt_ms "$SPAWN_VM") | $(fmt_ratio "$SPAWN_VM" "$SPAWN_NATIVE") | $(fmt_diff_ms "$SPAWN_VM" "$SPAWN_NATIVE") |"
    echo "| \`plume run VM -- probe.exe exit 0\` vs \`wine64 probe.exe exit 0\`, VM stopped ($RUN_ROUNDS rounds) | $(fmt_ms "$RUN_DIRECT") | $(fmt_ms "$RUN_COLD") | $(fmt_ratio "$RUN_COLD" "$RUN_DIRECT") | $(fmt_diff_ms "$RUN_COLD" "$RUN_DIRECT") |"
    echo "| the same, VM already running | $(fmt_ms "$RUN_DIRECT") | $(fmt_ms "$RUN_WARM") | $(fmt_ratio "$RUN_WARM" "$RUN_DIRECT") | $(fmt_diff_ms "$RUN_WARM" "$RUN_DIRECT") |"
    echo "| \`plume create VM\` vs \`plume --version\` ($CREATE_ROUNDS rounds) | $(fmt_ms "$VERSION") | $(fmt_ms "$CREATE") | $(fmt_ratio "$CREATE" "$VERSION") | $(fmt_diff_ms "$CREATE" "$VERSION") |"
    echo "| \`plume rm VM\` vs \`plume --version\` | $(fmt_ms "$VERSION") | $(fmt_ms "$RM") | $(fmt_ratio "$RM" "$VERSION") | $(fmt_diff_ms "$RM" "$VERSION") |"
    echo "| Disk: a VM's folder after \`create\` | – | $DISK_CREATED B | – | – |"
    echo "| Disk: after its first \`run\` (job, monitor.log) | – | $DISK_ONE_RUN B | – | $(fmt_diff_int "$DISK_ONE_RUN" "$DISK_CREATED" B) |"
    echo "| Disk: added by each further \`run\` of a stopped VM (monitor.log) | – | $DISK_PER_RUN B | – | – |"
    echo "| Memory: a running VM's monitor, plumemon.exe (VmRSS, median of $MEM_SAMPLES VMs) | – | $MEM_MON KiB | – | – |"
    echo "| Memory: \`probe.exe sleep\`, on the host vs inside a VM (VmRSS, median of $MEM_SAMPLES each) | $MEM_HOST KiB | $MEM_VM KiB | $(fmt_ratio "$MEM_VM" "$MEM_HOST") | $(fmt_diff_int "$MEM_VM" "$MEM_HOST" KiB) |"
    echo "| the same, private memory only (RssAnon) | $ANON_HOST KiB | $ANON_VM KiB | $(fmt_ratio "$ANON_VM" "$ANON_HOST") | $(fmt_diff_int "$ANON_VM" "$ANON_HOST" KiB) |"
    obj_row "Named mutex create, \`CreateMutexW\` + \`CloseHandle\` (intercepted), per call: on the host vs inside a VM ($OBJ_ROUNDS rounds × $((OBJ_CALLS / 21 * 21)) calls)" create_mutex_named
    obj_row "Named mutex open, \`OpenMutexW\` + \`CloseHandle\` (intercepted)" open_mutex
    obj_row "Named event create, \`CreateEventW\` + \`CloseHandle\` (intercepted)" create_event_named
    obj_row "Named event open, \`OpenEventW\` + \`CloseHandle\` (intercepted)" open_event
    obj_row "Named section create, \`CreateFileMappingW\` of 4 KiB + \`CloseHandle\` (intercepted)" create_section_named
    obj_row "Named section open, \`OpenFileMappingW\` + \`CloseHandle\` (intercepted)" open_section
    obj_row "Unnamed mutex create, \`CreateMutexW\` + \`CloseHandle\` (hook fast path)" create_mutex_unnamed
    obj_row "A call plume does not intercept (\`NtQueryInformationProcess\`)" not_intercepted
    pipe_row "Pipe connect, \`CreateFileW\` on \`\\\\.\\pipe\\…\` + \`CloseHandle\` (intercepted), per connect: on the host vs inside a VM, server and client both in it ($PIPE_ROUNDS rounds × $((PIPE_CALLS / 21 * 21)) calls)" pipe_connect
    pipe_row "Pipe 4 KiB round trip, \`WriteFile\` + \`ReadFile\` of the echo (not intercepted: data moves on the open handle)" pipe_round_trip
    pipe_row "Plain file open, \`CreateFileW\` of a file in %TEMP% + \`CloseHandle\` (\`NtCreateFile\` hook, non-pipe path)" file_open
    pipe_row "A call plume does not intercept (\`NtQueryInformationProcess\`), in the pipe benchmark's process" not_intercepted
    echo
    echo "Disk sizes are \`du -sb\` of the VM's folder (apparent bytes, including the folder's own entry). Memory is resident memory of the Linux process behind each Windows process; VmRSS counts shared pages of Wine's DLLs in full. The monitor's private memory (RssAnon) is $ANON_MON KiB."
    echo "System calls are timed inside one process per round (\`bench/bench_objects.c\`): after $((OBJ_CALLS / 10)) untimed calls, 21 batches of $((OBJ_CALLS / 21)) calls, whose median gives the time per call; the median over rounds is in the table. Names are in the session's namespace (Local), a new one for each create. Under Wine every one of these calls, \`CloseHandle\` included, is a round trip to wineserver."
    echo "Pipes and file opens likewise (\`bench/bench_pipes.c\`), all in one process: a thread of it serves 8 instances of a message-mode pipe and echoes each 4 KiB message, the main thread is the client. Each connect is timed alone, once the server has dealt with the connection before and listens again; connects that found every instance busy anyway and waited in \`WaitNamedPipeW\` (timed): $PIPE_BUSY_HOST on the host, $PIPE_BUSY_VM in the VM. A round trip includes the server thread's read and write."
    if [ -s "$T/failures" ]; then
        echo
        echo "Failures: $(wc -l <"$T/failures") of the $ATTEMPTS commands this run started failed; each was repeated, and only successful runs are in the figures:"
        echo
        sort "$T/failures" | uniq -c |
            sed -E 's/^ *([0-9]+) ([^	]*)	([^	]*)	(.*)$/- \1× `\2` (status \3): \4/'
    fi
}
REPORT_FILE="$(dirname "$PLUME_BIN")/bench.md"
report >"$REPORT_FILE" || die "cannot write $REPORT_FILE"
cat "$REPORT_FILE"
log "the same table is in $REPORT_FILE"
