#!/bin/sh
# tests/fuzz/run.sh BUILD_DIR SECONDS: runs each libFuzzer target for SECONDS
# on a scratch copy of its seed corpus. A crash, leak or sanitizer report
# fails the target; its reproducer is kept in BUILD_DIR/fuzz-artifacts.
build=$1
seconds=$2
root=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
mkdir -p "$build/fuzz-artifacts"
for target in pe cli ini objname; do
    corpus="$build/fuzz-corpus/$target"
    mkdir -p "$corpus"
    if [ -d "$root/corpus/$target" ]; then
        cp "$root/corpus/$target"/* "$corpus"/ 2>/dev/null
    fi
    echo "== fuzz_$target for ${seconds}s"
    if "$build/fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$build/fuzz-artifacts/$target-" "$corpus" >"$build/fuzz-$target.log" 2>&1; then
        grep -E "stat::number_of_executed_units" "$build/fuzz-$target.log" | sed "s/^/   fuzz_$target /"
        passed=$((passed + 1))
    else
        echo "not ok - fuzz_$target found a problem:"
        tail -n 40 "$build/fuzz-$target.log"
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
