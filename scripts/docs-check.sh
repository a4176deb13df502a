#!/bin/sh
# make docs-check: the README's generated tables match their sources.
#  - the coverage table, between <!-- coverage:begin/end -->, and
#  - the built-in policy, between <!-- defaults:begin/end -->.
# Prints "docs: N passed, N failed".
gen=$1
readme=${2:-README.md}
passed=0
failed=0
if "$gen" --check "$readme"; then
    passed=$((passed + 1))
else
    echo "not ok - README coverage table differs from src/core/hook_list.h (regenerate with: $gen)"
    failed=$((failed + 1))
fi
want=$(mktemp)
got=$(mktemp)
"$gen" --defaults >"$want"
sed -n '/^<!-- defaults:begin -->$/,/^<!-- defaults:end -->$/p' "$readme" | sed '1d;$d' >"$got"
if [ -s "$got" ] && diff -u "$want" "$got"; then
    passed=$((passed + 1))
else
    echo "not ok - README policy defaults differ from src/core/policy.c (regenerate with: $gen --defaults)"
    failed=$((failed + 1))
fi
rm -f "$want" "$got"
echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
