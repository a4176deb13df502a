#!/bin/sh
# Runs every Wine integration test file (or those named) and sums them up.
cd "$(dirname "$0")" || exit 1
files=${*:-$(ls t_*.sh)}
passed=0
failed=0
broken=""
for f in $files; do
    echo "== $f"
    out=$(sh "./$f" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | grep -E '^[a-z_]+: [0-9]+ passed, [0-9]+ failed$' | tail -n 1)
    if [ -z "$line" ]; then
        broken="$broken $f"
        failed=$((failed + 1))
        continue
    fi
    p=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    n=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
    passed=$((passed + p))
    failed=$((failed + n))
    if [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; then
        broken="$broken $f"
        failed=$((failed + 1))
    fi
done
[ -z "$broken" ] || echo "wine tests that did not finish cleanly:$broken"
echo "wine: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
