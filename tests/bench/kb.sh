#!/usr/bin/env bash
# kb.sh - `make bench-kb`: the knowledge base at scale. A private stack with the
# demo data plus BENCH_ARTICLES generated articles (default 100000); search latency
# in process (build/bench/search_bench over tests/bench/queries.txt), then wrk
# through nginx against /hello, a demo article's page, /kb/search and /kb/suggest,
# each with its ratio to /hello.
# Goal (knowledge-base issue): search p99 under 20 ms in process, and the article
# page at least 40% of the hello-world route's requests/s. Numbers, never assertions.
#
# Environment: BENCH_ARTICLES (100000), BENCH_SECONDS (10), BENCH_CONNECTIONS (32),
# BENCH_ROUNDS (5, search_bench rounds), BENCH_SEARCH_SECONDS (120: search_bench's
# time limit per measurement, so that a slow engine still finishes),
# BENCH_BUFFER_POOL (InnoDB buffer pool for the run, default 3G: what a server with
# 100,000 articles should give MariaDB; 64M is the test stack's own),
# BENCH_KEEP=1 (leave the stack running and print its directory).
set -euo pipefail
cd "$(dirname "$0")/../.." || exit 1
# shellcheck source=scripts/stack.sh
. scripts/stack.sh
# shellcheck source=tests/bench/lib.sh
. tests/bench/lib.sh
command -v wrk >/dev/null 2>&1 || vt_deps test

articles=${BENCH_ARTICLES:-100000}
seconds=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
rounds=${BENCH_ROUNDS:-5}
search_seconds=${BENCH_SEARCH_SECONDS:-120}
pool=${BENCH_BUFFER_POOL:-3G}
[[ -x build/bench/search_bench ]] || vt_die "build/bench/search_bench missing: run make bench-kb"
state=$(mktemp -d /tmp/vt-bench-kb.XXXXXX)
chmod 755 "$state"
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
	trap 'echo "bench-kb: stack left running in $state (scripts/stack.sh stop $state)"' EXIT
else
	trap 'vt_stop "$state" >/dev/null 2>&1; rm -rf "$state"' EXIT
fi
export VT_BIN=$PWD/build/bin VT_LOG_LEVEL=warn
port=$(free_port)
vt_start "$state" "$port" nginx >/dev/null
vt_env "$state"
if [[ -n $pool ]]; then
	bytes=$(numfmt --from=iec "$pool")
	vt_sql "$state" -e "SET GLOBAL innodb_buffer_pool_size = $bytes"
fi
echo "bench-kb: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
	"InnoDB buffer pool $(vt_sql "$state" -N -e 'SELECT @@innodb_buffer_pool_size DIV 1048576')M"
"$VT_BIN/ventanilla" demo >/dev/null
"$VT_BIN/ventanilla" kb generate "$articles"
vt_sql "$state" ventanilla -N -e "SELECT CONCAT('bench-kb: kb_articles ',
	ROUND((data_length + index_length) / 1048576), ' MB on disk') FROM information_schema.tables
	WHERE table_schema = 'ventanilla' AND table_name = 'kb_articles'"

echo
build/bench/search_bench -r "$rounds" -t "$search_seconds" -s -v tests/bench/queries.txt

# bench PATH: prints "rps p50 p99 errors" (latencies in ms; errors: timeouts and
# other socket errors, "all" when not one request was answered during the run)
bench() {
	local out rps p50 p99 errs
	wrk -t2 -c"$conns" -d3s --timeout 10s "http://127.0.0.1:$port$1" >/dev/null # warm up
	out=$(wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s --latency "http://127.0.0.1:$port$1")
	if grep -q 'Non-2xx' <<<"$out"; then
		echo "bench-kb: $1 answered errors:" >&2
		echo "$out" >&2
		exit 1
	fi
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	errs=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' <<<"$out")
	if [[ $(awk '/ requests in / {print $1}' <<<"$out") == 0 ]]; then
		# Not one answer within the run: no latencies to show.
		p50=- p99=- errs="all"
	fi
	echo "${rps:-0} $(ms "${p50:--}") $(ms "${p99:--}") ${errs:-0}"
}
# drain: wait (at most 2 minutes) until the knowledge program answers at once
# again, so that requests still queued from one route do not slow the next.
drain() {
	drain_url "http://127.0.0.1:$port/kb/a/0" 0.2
}

article=$(vt_sql "$state" ventanilla -N -e \
	"SELECT CONCAT('/kb/a/', id, '-', slug) FROM kb_articles WHERE slug = 'impresora-no-imprime'")
[[ -n $article ]] || vt_die "the demo article impresora-no-imprime is missing"
echo
echo "bench-kb: nginx on 127.0.0.1:$port, wrk -t2 -c$conns -d${seconds}s"
printf '%-34s %10s %9s %9s %8s %8s\n' route "req/s" "p50 ms" "p99 ms" "/hello" "no answer"
hello=
for route in /hello "$article" "/kb/search?q=impresora" "/kb/suggest?q=impre"; do
	drain
	read -r rps p50 p99 errs < <(bench "$route")
	[[ -n $hello ]] || hello=$rps
	printf '%-34s %10.1f %9s %9s %8s %8s\n' "$route" "$rps" "$p50" "$p99" \
		"$(awk -v a="$rps" -v b="$hello" 'BEGIN { printf "%.3f", a / b }')" "$errs"
	[[ $route == /kb/a/* ]] && article_rps=$rps
done
awk -v a="$article_rps" -v b="$hello" \
	'BEGIN { printf "ratio article/hello: %.3f (goal >= 0.40)\n", a / b }'
echo "bench-kb: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
