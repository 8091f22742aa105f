#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: its cluster lives in FOLDER, it listens on
# 127.0.0.1 and a free port, and is gone once stopped and FOLDER removed.
#
#   url=$(tools/test_postgresql.sh start FOLDER)   # prints the URL of the test database
#   DELEGATION_TEST_POSTGRESQL=$url make test
#   tools/test_postgresql.sh restart FOLDER   # a fast restart: every session is ended
#   tools/test_postgresql.sh stop FOLDER
#
# Needs the server programs (Debian: postgresql). As root the cluster belongs to the
# postgres user, since the server refuses to run as root.
set -euo pipefail

usage() {
    echo "usage: $0 start|restart|stop FOLDER" >&2
    exit 2
}
[ $# -eq 2 ] || usage
action=$1
folder=$2

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
    # The newest server Debian installed, else whatever is on the PATH.
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/initdb" ]; then
            bindir=$candidate
            break
        fi
    done
fi
if [ -z "$bindir" ]; then
    found=$(command -v initdb || true)
    [ -n "$found" ] || { echo "$0: no PostgreSQL server found (install postgresql)" >&2; exit 1; }
    bindir=$(dirname "$found")
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case $action in
start)
    mkdir -p "$folder"
    folder=$(cd "$folder" && pwd)
    [ "$(id -u)" -ne 0 ] || chown postgres: "$folder"
    # A port nobody listens on now; the server takes it a moment later.
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
    # The superuser comes in through the folder's socket, trusted; everyone else, over TCP,
    # gives a password (as on a real server), which the tests of pgpass files rely on.
    as_owner "$bindir/initdb" --pgdata="$folder/data" --username=postgres \
        --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log"
    # Durability is not what the tests check: fsync off makes each database they create
    # cost milliseconds rather than a disk flush. Nor is vacuuming: an autovacuum worker,
    # the superuser's, in a database a test drops could not be ended by the tests' role.
    as_owner "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder" \
        -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off" \
        -o "-c max_connections=200" start >/dev/null
    echo "$port" >"$folder/port"
    # The tests' own role: it creates a database per test, and the login roles the tests of
    # `db grant` share a database with; it owns nothing else.
    as_owner "$bindir/psql" --quiet --host="$folder" --port="$port" --username=postgres \
        --dbname=postgres --set=ON_ERROR_STOP=1 <<SQL
CREATE ROLE delegation LOGIN CREATEDB CREATEROLE PASSWORD '$password';
CREATE DATABASE delegation OWNER delegation;
SQL
    echo "postgresql+psycopg://delegation:$password@127.0.0.1:$port/delegation"
    ;;
restart)
    # With the options it was started with (pg_ctl keeps them in postmaster.opts).
    as_owner "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -m fast -w restart \
        >/dev/null
    ;;
stop)
    if [ -f "$folder/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null
    fi
    ;;
*)
    usage
    ;;
esac
