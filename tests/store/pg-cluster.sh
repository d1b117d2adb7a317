#!/bin/sh
# A throwaway PostgreSQL 15 cluster for tests and benchmarks.
#   pg-cluster.sh start DIR   initdb in DIR/data, start it listening only on
#                             a Unix socket in DIR (no TCP, so parallel runs
#                             never collide), create database "cc_test", and
#                             print the conninfo on stdout.
#   pg-cluster.sh restart DIR stop and start the server (fast shutdown).
#   pg-cluster.sh halt DIR    stop the server, keep the data.
#   pg-cluster.sh resume DIR  start a halted server again.
#   pg-cluster.sh stop DIR    stop the server and remove DIR.
# Runs the server as the invoking user, or as "postgres" when invoked as root
# (initdb refuses root).
set -eu
cmd=$1
dir=$2
PGBIN=${PGBIN:-}
if [ -z "$PGBIN" ]; then
	for v in 17 16 15; do
		if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then
			PGBIN=/usr/lib/postgresql/$v/bin
			break
		fi
	done
fi
[ -n "$PGBIN" ] || { echo "pg-cluster: no PostgreSQL server found" >&2; exit 1; }

as_owner() {
	if [ "$(id -u)" = "0" ]; then
		su postgres -s /bin/sh -c "$*"
	else
		sh -c "$*"
	fi
}

case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" = "0" ] && chown postgres "$dir"
	chmod 700 "$dir"
	as_owner "'$PGBIN/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
shared_buffers = 128MB
CONF
	as_owner "'$PGBIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 start >/dev/null" || {
		cat "$dir/server.log" >&2
		exit 1
	}
	as_owner "'$PGBIN/createdb' -h '$dir' -U postgres cc_test"
	echo "host=$dir user=postgres dbname=cc_test"
	;;
restart)
	as_owner "'$PGBIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 -m fast restart >/dev/null"
	;;
halt)
	as_owner "'$PGBIN/pg_ctl' -D '$dir/data' -w -t 60 -m fast stop >/dev/null"
	;;
resume)
	as_owner "'$PGBIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 start >/dev/null"
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "'$PGBIN/pg_ctl' -D '$dir/data' -w -t 60 -m immediate stop >/dev/null 2>&1" || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: pg-cluster.sh start|restart|halt|resume|stop DIR" >&2
	exit 2
	;;
esac
