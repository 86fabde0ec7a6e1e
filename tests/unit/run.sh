#!/usr/bin/env bash
# run.sh - run each unit test binary under valgrind (when present); fail on any failure or leak.
set -u
rc=0
for t in "$@"; do
	echo "== $t"
	if command -v valgrind >/dev/null 2>&1; then
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			"$t" || rc=1
	else
		"$t" || rc=1
	fi
done
exit $rc
