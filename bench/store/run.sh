#!/bin/sh
# bench/store: complete calls per second on SQLite and PostgreSQL, with
# pgbench's rate for the same rows on the same throwaway server printed
# beside it, and customer lookup latency at 1 million customers.
# PostgreSQL and pgbench run in three interleaved rounds and the best round
# of each is printed, so load from other processes hits both alike.
# Usage: run.sh BENCH_EXE SOURCE_ROOT [CALLS] [CUSTOMERS]
set -eu
EXE=$1
ROOT=$2
CALLS=${3:-${CC_BENCH_CALLS:-1000}}
CUSTOMERS=${4:-${CC_BENCH_CUSTOMERS:-1000000}}
CLUSTER="sh $ROOT/tests/store/pg-cluster.sh"

"$EXE" sqlite "$CALLS" "$CUSTOMERS"

DIR=$(mktemp -d /tmp/cc-bench-pg.XXXXXX)
rmdir "$DIR"
trap '$CLUSTER stop "$DIR"' EXIT
trap 'exit 1' INT TERM
CONNINFO=$($CLUSTER start "$DIR")
echo "postgresql: throwaway cluster on a Unix socket (fsync off for both)"
"$(dirname "$EXE")/../../tools/callcenter" db migrate --store "$CONNINFO" >/dev/null
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1)
[ -n "$PGBENCH" ] || PGBENCH=pgbench
if [ "$(id -u)" = "0" ]; then
	RUN="su postgres -s /bin/sh -c"
else
	RUN="sh -c"
fi
best_pg=0
best_ours=0
for round in 1 2 3; do
	tps=$($RUN "'$PGBENCH' -n -M prepared -c 1 -t $CALLS -f '$ROOT/bench/store/pgbench-call.sql' -h '$DIR' -U postgres cc_test" 2>&1 |
		sed -n 's/^tps = \([0-9]*\).*/\1/p' | head -1)
	ours=$(CC_BENCH_PG_CONNINFO="$CONNINFO" "$EXE" postgresql "$CALLS" 0 |
		sed -n 's/.*complete calls recorded: *\([0-9]*\) calls.*/\1/p')
	echo "round $round: cc_store ${ours:-?} calls/s, pgbench ${tps:-?} calls/s"
	[ "${tps:-0}" -gt "$best_pg" ] && best_pg=$tps
	[ "${ours:-0}" -gt "$best_ours" ] && best_ours=$ours
done
echo "store postgresql complete calls recorded: $best_ours calls/s (best of 3 rounds of $CALLS calls, 13 round trips each, one thread)"
echo "store pgbench    same rows, same round trips: $best_pg calls/s (pgbench -M prepared, pipelines, one client; best of 3)"
if [ "$best_pg" -gt 0 ]; then
	awk -v o="$best_ours" -v p="$best_pg" 'BEGIN { printf "store postgresql cc_store / pgbench: %.0f%% (target >= 80%%)\n", 100 * o / p }'
fi
# Four threads sharing one store handle (its pool opens four connections),
# beside four pgbench clients.
tps4=$($RUN "'$PGBENCH' -n -M prepared -c 4 -j 2 -t $((CALLS / 4)) -f '$ROOT/bench/store/pgbench-call.sql' -h '$DIR' -U postgres cc_test" 2>&1 |
	sed -n 's/^tps = \([0-9]*\).*/\1/p' | head -1)
CC_BENCH_PG_CONNINFO="$CONNINFO" "$EXE" postgresql "$CALLS" 0 4
echo "store pgbench    same rows, 4 clients: ${tps4:-?} calls/s"
CC_BENCH_PG_CONNINFO="$CONNINFO" "$EXE" postgresql 0 "$CUSTOMERS"
