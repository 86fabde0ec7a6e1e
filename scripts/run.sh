#!/usr/bin/env bash
# run.sh [PORT] - what `make run` calls after building: start the private stack in
# <repo>/var (MariaDB, the five programs, nginx on 127.0.0.1:PORT, default 8080),
# load the demo data (`ventanilla demo`, idempotent; it prints the demo logins),
# print the address and stay in the foreground. Ctrl-C or SIGTERM stops everything
# this run started, says so and exits 0 (make shows no error). The data in var/
# survives for the next run; `make stop` (scripts/stack.sh stop var) stops a stack
# left behind, `rm -rf var` forgets it.
#
# Environment: VT_BIN (default <repo>/build/bin), VT_RUN_STATE (the directory
# instead of <repo>/var; the tests use it) and the others of stack.sh.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
stack=$here/stack.sh
state=${VT_RUN_STATE:-$repo/var}
port=${1:-8080}
export VT_BIN=${VT_BIN:-$repo/build/bin}

if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
	echo "usage: $0 [PORT]" >&2
	exit 2
fi

# A stack already running from var/ belongs to someone else (another `make run`);
# do not start a second one over it, and do not stop it on our way out.
rc=0
"$stack" status "$state" >/dev/null 2>&1 || rc=$?
if ((rc != 3)); then
	"$stack" status "$state" >&2 || true
	echo "run.sh: a stack is already running from $state; stop it with 'make stop'" >&2
	exit 1
fi

started=0
sleeper=
# Stop what this run started. Ctrl-C and SIGTERM are ignored meanwhile (make
# passes a SIGTERM on once more; an impatient user presses Ctrl-C again): a
# stop cut short would leave programs or MariaDB running after make returned.
cleanup() {
	trap - EXIT
	trap '' INT TERM
	[[ -z $sleeper ]] || kill "$sleeper" 2>/dev/null || true
	if ((started)); then
		started=0
		echo
		echo "Stopping Ventanilla..."
		"$stack" stop "$state" || true
	fi
}
# Ctrl-C or SIGTERM is how a person ends `make run`: stop everything, say so
# and exit 0, so make reports no error.
on_signal() {
	cleanup
	echo "Ventanilla has stopped. 'make run' starts it again with the same data."
	exit 0
}
trap cleanup EXIT
trap on_signal INT TERM

started=1
"$stack" start "$state" "$port"
VENTANILLA_CONF=$state/ventanilla.conf "$VT_BIN/ventanilla" demo </dev/null

echo
echo "Ventanilla is running at http://127.0.0.1:$port/"
echo "Logs: $state/log/   Press Ctrl-C to stop."

# Wait for Ctrl-C / SIGTERM. When everything stops (`make stop` elsewhere), end
# quietly; when only a part dies, stop the rest and say so.
while :; do
	sleep 5 &
	sleeper=$!
	wait "$sleeper" || true
	sleeper=
	for ((i = 0; i < 20; i++)); do
		rc=0
		"$stack" status "$state" >/dev/null 2>&1 || rc=$?
		# 1 = only a part runs: maybe a `make stop` is under way; look again.
		((rc == 1)) || break
		sleep 0.5
	done
	if ((rc == 3)); then
		started=0
		echo
		echo "Ventanilla was stopped from elsewhere (make stop)."
		exit 0
	fi
	if ((rc != 0)); then
		echo "run.sh: part of the stack stopped unexpectedly:" >&2
		"$stack" status "$state" >&2 || true
		echo "run.sh: see the logs in $state/log/" >&2
		exit 1
	fi
done
