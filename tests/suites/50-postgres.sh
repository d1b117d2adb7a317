#!/bin/sh
# The store conformance suite against a real PostgreSQL: starts a throwaway
# cluster (initdb as a non-root user, listening only on a Unix socket in a
# private directory), runs every case, stops the server in the middle of a
# run of calls and starts it again, and removes the cluster afterwards, even
# on failure.  Needs the build of 10-unit.
set -u
cd "$CC_SOURCE_ROOT"
EXE=build/tests/unit/store/test_store_conformance
[ -x "$EXE" ] || sh scripts/build.sh build || exit 1

DIR=$(mktemp -d /tmp/cc-pg.XXXXXX)
rmdir "$DIR"
CLUSTER="sh $CC_SOURCE_ROOT/tests/store/pg-cluster.sh"
trap '$CLUSTER stop "$DIR"' EXIT
trap 'exit 1' INT TERM

if ! CONNINFO=$($CLUSTER start "$DIR"); then
	echo "not ok - start a PostgreSQL cluster"
	echo "0 1 0" >"$RESULTS_FILE"
	exit 1
fi
echo "# PostgreSQL cluster in $DIR"

LOG=build/postgres-conformance.log
CC_TEST_PG_CONNINFO="$CONNINFO" \
CC_TEST_PG_STOP="$CLUSTER halt '$DIR'" \
CC_TEST_PG_START="$CLUSTER resume '$DIR'" \
CMOCKA_MESSAGE_OUTPUT=TAP \
	timeout 600 "$EXE" postgresql >"$LOG" 2>&1
rc=$?
grep -E '^(not )?ok ' "$LOG"
passed=$(grep -c '^ok ' "$LOG")
failed=$(grep -c '^not ok ' "$LOG" | tr -d ' ')
skipped=$(grep -c '^ok .*# SKIP' "$LOG")
passed=$((passed - skipped))
if [ "$rc" -ne 0 ] || [ "$passed" -eq 0 ]; then
	cat "$LOG" | grep -v '^ok ' | head -80
	[ "$failed" -eq 0 ] && failed=1
fi
echo "$passed $failed $skipped" >"$RESULTS_FILE"
[ "$failed" -eq 0 ]
