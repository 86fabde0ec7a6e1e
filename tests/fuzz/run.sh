#!/usr/bin/env bash
# run.sh FUZZER SECONDS - run a libFuzzer target on a scratch copy of its seed corpus.
set -euo pipefail
fuzzer=$1 seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/vt-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
name=$(basename "$fuzzer")
cp -R "$here/corpus/${name#fuzz_}/." "$work/"
echo "fuzz: $name for ${seconds}s"
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$work/crash-" "$work" 2>"$work/log" || {
	tail -40 "$work/log" >&2
	mkdir -p tests/out
	cp "$work"/crash-* tests/out/ 2>/dev/null || true
	echo "fuzz: $name FAILED (crash inputs copied to tests/out/)" >&2
	exit 1
}
grep -E 'stat::number_of_executed_units' "$work/log" | sed 's/^/fuzz: /'
