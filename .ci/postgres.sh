#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the tests and print its DSN (unix socket only, no TCP).
#   DSN=$(bash .ci/postgres.sh start)      bash .ci/postgres.sh stop "$DSN"
# As root, the server runs as the postgres user (initdb refuses root).
set -euo pipefail
if ! command -v initdb >/dev/null 2>&1; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$bin" ] && PATH="$bin:$PATH"
fi
run=()
if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
case "${1:-start}" in
  start)
    command -v initdb >/dev/null 2>&1 || { echo "initdb not found" >&2; exit 1; }
    dir=$(mktemp -d /tmp/yusuan-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    "${run[@]}" initdb -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >"$dir/initdb.log" 2>&1
    "${run[@]}" pg_ctl -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -c listen_addresses='' -c fsync=off" start >/dev/null
    echo "postgresql://postgres@/postgres?host=$dir"
    ;;
  stop)
    dir="${2##*host=}"
    [ -d "$dir/data" ] && "${run[@]}" pg_ctl -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
