#!/usr/bin/env bash
# tickets.sh - `make bench-tickets`: tickets at scale. A private stack with the
# demo data plus BENCH_TICKETS generated tickets (default 1000000), then wrk
# through nginx, signed in, against /hello, "My requests" of a requester with
# thousands of tickets and of one with a few, the agent's work queue (default
# view, then filtered by status, priority, SLA due and assignee, and sorted),
# an admin's queue and a ticket page. Each route twice: latency with 2
# connections (as many as FastCGI workers, so no queueing is measured) and
# requests/s with BENCH_CONNECTIONS; ratios to /hello.
# Goal (issue 4): "My requests" and the queue p99 under 20 ms, the ticket page
# at least 40% of /hello's requests/s. Numbers, never assertions.
#
# Environment: BENCH_TICKETS (1000000), BENCH_SECONDS (5, per measurement),
# BENCH_CONNECTIONS (32), BENCH_BUFFER_POOL (InnoDB buffer pool, default 2G),
# BENCH_STATE (reuse that stack directory with its tickets already generated:
# nothing is generated, the stack is left running), BENCH_PORT (web port of a
# new stack; default a free one), BENCH_KEEP=1 (leave a new stack running).
set -euo pipefail
cd "$(dirname "$0")/../.." || exit 1
# shellcheck source=scripts/stack.sh
. scripts/stack.sh
# shellcheck source=tests/bench/lib.sh
. tests/bench/lib.sh
command -v wrk >/dev/null 2>&1 || vt_deps test

tickets=${BENCH_TICKETS:-1000000}
seconds=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-32}
pool=${BENCH_BUFFER_POOL:-2G}
export VT_BIN=$PWD/build/bin VT_LOG_LEVEL=warn
if [[ -n ${BENCH_STATE:-} ]]; then
	state=$(vt_abs "$BENCH_STATE")
	port=${BENCH_PORT:-$(cat "$state/run/port" 2>/dev/null || free_port)}
	vt_start "$state" "$port" nginx >/dev/null
	vt_env "$state"
	fresh=0
else
	state=$(mktemp -d /tmp/vt-bench-tickets.XXXXXX)
	chmod 755 "$state"
	if [[ ${BENCH_KEEP:-0} == 1 ]]; then
		trap 'echo "bench-tickets: stack left running in $state (scripts/stack.sh stop $state)"' EXIT
	else
		trap 'vt_stop "$state" >/dev/null 2>&1; rm -rf "$state"' EXIT
	fi
	port=${BENCH_PORT:-$(free_port)}
	vt_start "$state" "$port" nginx >/dev/null
	vt_env "$state"
	fresh=1
fi
vt_sql "$state" -e "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$pool")"
echo "bench-tickets: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
	"InnoDB buffer pool $(vt_sql "$state" -N -e 'SELECT @@innodb_buffer_pool_size DIV 1048576')M"
if [[ $fresh == 1 ]]; then
	"$VT_BIN/ventanilla" demo >/dev/null
	"$VT_BIN/ventanilla" tickets generate "$tickets"
fi
vt_sql "$state" ventanilla -N -e "SELECT CONCAT('bench-tickets: ', COUNT(*), ' tickets, ',
	SUM(status IN ('new', 'open', 'pending')), ' being worked') FROM tickets"

# Accounts to sign in as (generated ones have no password until now).
pw=bench-$RANDOM$RANDOM
heavy=$(vt_sql "$state" ventanilla -N -e "SELECT u.email FROM tickets t JOIN users u
	ON u.id = t.requester_id WHERE u.email LIKE 'gen-user-%' GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1")
light=$(vt_sql "$state" ventanilla -N -e "SELECT u.email FROM tickets t JOIN users u
	ON u.id = t.requester_id WHERE u.email LIKE 'gen-user-%' GROUP BY u.id ORDER BY COUNT(*) LIMIT 1")
agent=$(vt_sql "$state" ventanilla -N -e "SELECT u.email FROM users u JOIN user_groups ug
	ON ug.user_id = u.id JOIN \`groups\` g ON g.id = ug.group_id WHERE g.name = 'Service Desk'
	AND u.email LIKE 'gen-agent-%' ORDER BY u.id LIMIT 1")
for who in "$heavy" "$light" "$agent"; do
	printf '%s\n' "$pw" | "$VT_BIN/ventanilla" user passwd "$who" >/dev/null
done
printf '%s\n' "$pw" | "$VT_BIN/ventanilla" user passwd admin@example.org >/dev/null
vt_sql "$state" ventanilla -e "DELETE FROM throttle"
# session EMAIL: prints the session cookie after signing in
session() {
	local jar token
	jar=$(mktemp)
	token=$(curl -s -c "$jar" "http://127.0.0.1:$port/login" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n1)
	curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=$1" \
		--data-urlencode "password=$pw" --data-urlencode "csrf=$token" "http://127.0.0.1:$port/login"
	awk '$6 == "vsid" {print "vsid=" $7}' "$jar"
	rm -f "$jar"
}
c_heavy=$(session "$heavy")
c_light=$(session "$light")
c_agent=$(session "$agent")
c_admin=$(session admin@example.org)
[[ -n $c_heavy && -n $c_light && -n $c_agent && -n $c_admin ]] || vt_die "could not sign in"
ticket=$(vt_sql "$state" ventanilla -N -e "SELECT CONCAT('/tickets/T-', t.id)
	FROM tickets t JOIN users u ON u.id = t.requester_id WHERE u.email = '$heavy'
	AND t.status = 'open' ORDER BY t.id DESC LIMIT 1")

# run COOKIE PATH CONNS -> wrk's output (after a short warm-up)
run() {
	local h=()
	[[ -z $1 ]] || h=(-H "Cookie: $1")
	wrk -t1 -c2 -d2s --timeout 10s "${h[@]}" "http://127.0.0.1:$port$2" >/dev/null
	wrk -t2 -c"$3" -d"${seconds}s" --timeout 10s --latency "${h[@]}" "http://127.0.0.1:$port$2"
}
# drain: wait (at most 2 minutes) until the tickets program answers at once
# again, so that requests still queued from one route do not slow the next.
drain() {
	drain_url "http://127.0.0.1:$port/tickets/T-0" 0.05
}
# bench COOKIE PATH: prints "rps p50 p99 errors" (p50/p99 at 2 connections)
bench() {
	local lat thr rps p50 p99 errs
	drain
	lat=$(run "$1" "$2" 2)
	drain
	thr=$(run "$1" "$2" "$conns")
	if grep -q 'Non-2xx' <<<"$lat$thr"; then
		echo "bench-tickets: $2 answered errors:" >&2
		echo "$thr" >&2
		exit 1
	fi
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$thr")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$lat")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$lat")
	errs=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' <<<"$thr")
	echo "${rps:-0} $(ms "${p50:--}") $(ms "${p99:--}") ${errs:-0}"
}

echo
echo "bench-tickets: nginx on 127.0.0.1:$port; p50/p99 with wrk -c2, req/s with wrk -t2 -c$conns," \
	"${seconds}s each"
echo "  requesters: $heavy ($(vt_sql "$state" ventanilla -N -e "SELECT COUNT(*) FROM tickets t JOIN users u
	ON u.id = t.requester_id WHERE u.email = '$heavy'") tickets), $light; agent: $agent"
printf '%-46s %9s %8s %8s %7s %6s\n' route "req/s" "p50 ms" "p99 ms" "/hello" "errors"
hello=
ticket_rps=0
while IFS='|' read -r label cookie route; do
	read -r rps p50 p99 errs < <(bench "$cookie" "$route")
	[[ -n $hello ]] || hello=$rps
	printf '%-46s %9.1f %8s %8s %7s %6s\n' "$label" "$rps" "$p50" "$p99" \
		"$(awk -v a="$rps" -v b="$hello" 'BEGIN { printf "%.3f", a / b }')" "$errs"
	[[ $label != ticket* ]] || ticket_rps=$rps
done <<EOF
/hello||/hello
mine: many tickets, open|$c_heavy|/tickets/
mine: many tickets, all, page 3|$c_heavy|/tickets/?state=all&page=3
mine: few tickets|$c_light|/tickets/?state=all
queue: agent, default|$c_agent|/tickets/queue
queue: agent, status=open, sort=updated|$c_agent|/tickets/queue?status=open&sort=updated
queue: agent, priority=1|$c_agent|/tickets/queue?priority=1
queue: agent, due=overdue, sort=due|$c_agent|/tickets/queue?due=overdue&sort=due
queue: agent, due=today, sort=due|$c_agent|/tickets/queue?due=today&sort=due
queue: agent, who=mine|$c_agent|/tickets/queue?who=mine&status=all
queue: agent, who=unassigned, sort=created|$c_agent|/tickets/queue?who=unassigned&sort=created
queue: agent, status=closed, sort=updated|$c_agent|/tickets/queue?status=closed&sort=updated
queue: agent, status=all, page 5|$c_agent|/tickets/queue?status=all&page=5
queue: admin, default|$c_admin|/tickets/queue
queue: admin, status=all, sort=updated|$c_admin|/tickets/queue?status=all&sort=updated
ticket page (requester)|$c_heavy|$ticket
ticket page (agent)|$c_agent|$ticket
EOF
awk -v a="$ticket_rps" -v b="$hello" \
	'BEGIN { printf "ratio ticket page (agent)/hello: %.3f (goal >= 0.40)\n", a / b }'
echo "bench-tickets: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" \
	"(the machine is shared: compare routes within one run)"
