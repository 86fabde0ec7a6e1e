#!/usr/bin/env bash
# lib.sh - what the benchmarks (kb.sh, tickets.sh) share: reading wrk's
# times and waiting for a program to be idle between routes.

# ms 1.23ms|456us|1.2s|2.1m -> milliseconds ("-" when wrk had no answer to measure)
ms() {
	awk -v v="$1" 'BEGIN { n = v + 0; if (v == "-") { print "-"; exit }
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n;
		else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# drain URL SECONDS: wait (at most 2 minutes) until URL answers within
# SECONDS again, so that requests still queued from one route do not slow
# the next one measured.
drain_url() {
	local i t
	for ((i = 0; i < 120; i++)); do
		t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 "$1" || echo 5)
		awk -v t="$t" -v lim="$2" 'BEGIN { exit !(t < lim) }' && return 0
		sleep 1
	done
}
