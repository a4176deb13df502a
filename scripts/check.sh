#!/bin/sh
# make check: every suite, then one summary line; non-zero if anything failed.
# A suite counts by the last "N passed, N failed" line it prints; a suite
# that fails without printing one (a build error, a crash) counts as one
# failure.
cd "$(dirname "$0")/.." || exit 1
total_passed=0
total_failed=0
summary=""
log=$(mktemp)
trap 'rm -f "$log" "$log.rc"' EXIT

# suite NAME MAKE_TARGET
suite() {
    { make --no-print-directory "$2"; echo $? >"$log.rc"; } 2>&1 | tee "$log"
    rc=$(cat "$log.rc")
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(printf '%s' "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
    n=$(printf '%s' "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
    p=${p:-0}
    n=${n:-0}
    if [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; then
        n=1
    elif [ "$rc" -eq 0 ] && [ -z "$line" ]; then
        p=1
    fi
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + n))
    summary="$summary\n  $1: $p passed, $n failed"
}

suite unit unit
suite fuzz fuzz-smoke
suite docs docs-check
suite wine wine-tests

printf "\nsummary:%b\n" "$summary"
echo "check: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
