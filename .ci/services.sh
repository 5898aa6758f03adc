#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster and a Redis server on loopback ports of their own for the tests that need
# them, exports FORUM_TEST_POSTGRES and FORUM_TEST_REDIS, and stops both when the calling shell exits.
# Source it (`. .ci/services.sh`); set FORUM_PG_PORT / FORUM_REDIS_PORT to pick other ports (by default the first
# free one from 55432 and 56379).
set -euo pipefail

# A port something else already listens on (another checkout's run on this machine) moves on to the next free one.
forum_free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
forum_pg_port="${FORUM_PG_PORT:-$(forum_free_port 55432)}"
forum_redis_port="${FORUM_REDIS_PORT:-$(forum_free_port 56379)}"

if ! command -v redis-server >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
fi

# Debian's binaries live under /usr/lib/postgresql/<version>/bin; take the newest installed.
forum_pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
forum_services_dir="$(mktemp -d /tmp/forum-services.XXXXXX)"
chmod 755 "$forum_services_dir"
mkdir -p "$forum_services_dir/pg"

# initdb refuses to run as root: the cluster belongs to the postgres user (created by Debian's package).
forum_as_pg() {
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$forum_services_dir/pg"; runuser -u postgres -- "$@"; else "$@"; fi
}
forum_as_pg "$forum_pg_bin/initdb" -D "$forum_services_dir/pg/data" -U forum --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
forum_as_pg "$forum_pg_bin/pg_ctl" -D "$forum_services_dir/pg/data" -l "$forum_services_dir/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $forum_pg_port -k $forum_services_dir/pg -c fsync=off -c max_connections=300" start >/dev/null

redis-server --port "$forum_redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$forum_services_dir/redis.pid" --logfile "$forum_services_dir/redis.log"
for _ in $(seq 1 50); do
  [ -s "$forum_services_dir/redis.pid" ] && redis-cli -p "$forum_redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

forum_stop_services() {
  forum_as_pg "$forum_pg_bin/pg_ctl" -D "$forum_services_dir/pg/data" -m immediate stop >/dev/null 2>&1 || true
  [ -s "$forum_services_dir/redis.pid" ] && kill "$(cat "$forum_services_dir/redis.pid")" 2>/dev/null || true
  rm -rf "$forum_services_dir"
}
trap forum_stop_services EXIT

export FORUM_TEST_POSTGRES="Host=127.0.0.1;Port=$forum_pg_port;Username=forum;Database=postgres"
export FORUM_TEST_REDIS="127.0.0.1:$forum_redis_port"
echo "PostgreSQL on 127.0.0.1:$forum_pg_port, Redis on 127.0.0.1:$forum_redis_port (stopped at exit)"
