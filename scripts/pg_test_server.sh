#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the tests: its own data folder, trust authentication on
# 127.0.0.1 only, its socket in the data folder. Runs the server as the "postgres" system user when
# started by root (initdb refuses root).
#
#   scripts/pg_test_server.sh start DIR [PORT]   # initdb DIR if it is empty, then start; prints the URL
#   scripts/pg_test_server.sh stop DIR           # stop it (fast shutdown); nothing happens if it is not running
#
# The binaries are found with pg_config or in /usr/lib/postgresql/<newest>/bin (Debian's layout).
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
port="${3:-55432}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
fi

bindir=""
if [ -n "${PG_BINDIR:-}" ]; then
    bindir="$PG_BINDIR"
else
    newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
        bindir="$newest"
    elif command -v pg_config >/dev/null; then
        bindir="$(pg_config --bindir)"
    fi
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
    echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$cmd" in
start)
    mkdir -p "$dir"
    if [ "$(id -u)" = "0" ]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$dir.initdb.log" 2>&1 || { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    # a test server: no durability needed, speed matters
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    if [ -f "$dir/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    fi
    ;;
*)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
