#!/usr/bin/env bash
# run.sh - the whole suite (what `make test` runs after building and linting):
# unit tests under valgrind, a short fuzz run, then the HTTP tests against a
# private stack (MariaDB + the programs) behind nginx and again behind Apache,
# and the browser tests in Chromium. Everything binds 127.0.0.1 on free ports
# and lives in a temporary directory removed at the end.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
repo=$(pwd)
# shellcheck source=scripts/stack.sh
. scripts/stack.sh
set +e

passed=0 failed=0
step() { # step NAME CMD... : run a step, count it
	local name=$1
	shift
	echo
	echo "=== $name"
	if "$@"; then
		passed=$((passed + 1))
		echo "=== $name: ok"
	else
		failed=$((failed + 1))
		echo "=== $name: FAILED"
	fi
}

state=$(mktemp -d /tmp/vt-test.XXXXXX)
chmod 755 "$state"
cleanup() {
	vt_stop "$state" >/dev/null 2>&1
	if [[ $failed -gt 0 && -d $state/log ]]; then
		mkdir -p tests/out
		cp -R "$state/log" tests/out/ 2>/dev/null
		echo "(server logs copied to tests/out/log)"
	fi
	rm -rf "$state"
}
trap cleanup EXIT

step "unit tests" make --no-print-directory test-unit
step "fuzz (short)" make --no-print-directory fuzz-short

# Node packages for the HTTP and browser tests (pinned in tests/package.json).
if [[ ! -d tests/node_modules ]]; then
	(cd tests && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }
fi

smtp_port=$(free_port)
export VT_SMTP_URL="smtp://127.0.0.1:$smtp_port" VT_SMTP_PORT=$smtp_port
export VT_BIN=$repo/build/bin VT_REPO=$repo

run_http() { # run_http SERVER
	local port
	port=$(free_port)
	vt_start "$state" "$port" "$1" || return 1
	vt_env "$state"
	"$VT_BIN/ventanilla" demo >/dev/null || return 1
	VT_SERVER=$1 node --test --test-concurrency=1 tests/http/
}

step "http tests behind nginx" run_http nginx
step "browser tests (Chromium)" node --test --test-concurrency=1 tests/browser/
step "http tests behind Apache" run_http apache

echo
echo "suite: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
