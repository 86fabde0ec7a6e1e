#!/usr/bin/env bash
# run.sh - `make bench`: wrk through nginx against the home page and the
# hello-world route of the same program on the same stack, then the ratio.
# Goal (issue 2): the home page reaches at least half the hello-world route's
# requests/s, with p99 under 10 ms at 32 connections. Numbers, never assertions.
set -euo pipefail
cd "$(dirname "$0")/../.." || exit 1
# shellcheck source=scripts/stack.sh
. scripts/stack.sh
# shellcheck source=tests/bench/lib.sh
. tests/bench/lib.sh
command -v wrk >/dev/null 2>&1 || vt_deps test

seconds=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
state=$(mktemp -d /tmp/vt-bench.XXXXXX)
chmod 755 "$state"
trap 'vt_stop "$state" >/dev/null 2>&1; rm -rf "$state"' EXIT
export VT_BIN=$PWD/build/bin VT_LOG_LEVEL=warn
port=$(free_port)
vt_start "$state" "$port" nginx >/dev/null
vt_env "$state"
"$VT_BIN/ventanilla" demo >/dev/null

# bench PATH: prints "rps p50 p99" (latencies in ms)
bench() {
	local out rps p50 p99
	wrk -t2 -c"$conns" -d3s "http://127.0.0.1:$port$1" >/dev/null # warm up
	out=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency "http://127.0.0.1:$port$1")
	if grep -q 'Non-2xx' <<<"$out"; then
		echo "bench: $1 answered errors:" >&2
		echo "$out" >&2
		exit 1
	fi
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	echo "$rps $(ms "$p50") $(ms "$p99")"
}
echo "bench: nginx on 127.0.0.1:$port, $(nproc) cores, wrk -t2 -c$conns -d${seconds}s"
read -r h_rps h_p50 h_p99 < <(bench /hello)
read -r p_rps p_p50 p_p99 < <(bench /)
printf '%-22s %10s %9s %9s\n' route "req/s" "p50 ms" "p99 ms"
printf '%-22s %10.0f %9s %9s\n' "/hello (hello world)" "$h_rps" "$h_p50" "$h_p99"
printf '%-22s %10.0f %9s %9s\n' "/ (home page)" "$p_rps" "$p_p50" "$p_p99"
awk -v a="$p_rps" -v b="$h_rps" 'BEGIN { printf "ratio home/hello: %.2f (goal >= 0.50)\n", a / b }'
