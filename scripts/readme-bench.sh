#!/bin/sh
# Copies the table of the last `make bench` (build/bench.md) into README.md,
# between <!-- bench:begin --> and <!-- bench:end -->.
cd "$(dirname "$0")/.." || exit 1
[ -s build/bench.md ] || { echo "readme-bench: run 'make bench' first" >&2; exit 1; }
tmp=$(mktemp)
awk -v table=build/bench.md '
    /^<!-- bench:begin -->$/ { print; while ((getline line < table) > 0) if (line !~ /^### /) print line; skip = 1; next }
    /^<!-- bench:end -->$/ { skip = 0 }
    !skip { print }
' README.md >"$tmp" && mv "$tmp" README.md
echo "readme-bench: README.md updated from build/bench.md"
