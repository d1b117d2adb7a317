#!/bin/sh
# bench/store: complete calls per second on SQLite and PostgreSQL, with
# pgbench's rate for the same rows on the same throwaway server printed
# beside it, and customer lookup latency at 1 million customers.
# Usage: run.sh BENCH_EXE SOURCE_ROOT [CALLS] [CUSTOMERS]
set -eu
EXE=$1
ROOT=$2
CALLS=${3:-${CC_BENCH_CALLS:-2000}}
CUSTOMERS=${4:-${CC_BENCH_CUSTOMERS:-1000000}}
CLUSTER="sh $ROOT/tests/store/pg-cluster.sh"

"$EXE" sqlite "$CALLS" "$CUSTOMERS"

DIR=$(mktemp -d /tmp/cc-bench-pg.XXXXXX)
rmdir "$DIR"
trap '$CLUSTER stop "$DIR"' EXIT
trap 'exit 1' INT TERM
CONNINFO=$($CLUSTER start "$DIR")
echo "postgresql: throwaway cluster on a Unix socket (fsync off for both runs)"
# The schema first, then pgbench on the empty tables: its rate is the
# ceiling for the same statements, transactions and round trips.
"$(dirname "$EXE")/../../tools/callcenter" db migrate --store "$CONNINFO" >/dev/null
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1)
[ -n "$PGBENCH" ] || PGBENCH=pgbench
if [ "$(id -u)" = "0" ]; then
	RUN="su postgres -s /bin/sh -c"
else
	RUN="sh -c"
fi
TPS=$($RUN "'$PGBENCH' -n -M prepared -c 1 -t $CALLS -f '$ROOT/bench/store/pgbench-call.sql' -h '$DIR' -U postgres cc_test" 2>&1 |
	sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
OURS=$(CC_BENCH_PG_CONNINFO="$CONNINFO" "$EXE" postgresql "$CALLS" "$CUSTOMERS" | tee /dev/stderr |
	sed -n 's/.*complete calls recorded: *\([0-9.]*\) calls.*/\1/p')
echo "store pgbench     same rows, same round trips: ${TPS:-?} calls/s (pgbench -M prepared, pipelines, one client)"
if [ -n "$TPS" ] && [ -n "$OURS" ]; then
	awk -v o="$OURS" -v p="$TPS" 'BEGIN { printf "store postgresql  cc_store / pgbench: %.0f%% (target >= 80%%)\n", 100 * o / p }'
fi
