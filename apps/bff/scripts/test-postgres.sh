#!/usr/bin/env bash
# Runs the storage and rollout-runner tests against a real, throwaway PostgreSQL cluster (Debian's packages).
# CI runs this after the README's test command; locally it installs PostgreSQL only as root.
set -euo pipefail
cd "$(dirname "$0")/../../.."

find_bin() {
  command -v "$1" 2>/dev/null && return
  for dir in /usr/local/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/$1" ] && { echo "$dir/$1"; return; }
  done
  return 1
}

if ! find_bin initdb >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is not installed (apt-get install postgresql); storage tests ran on PGlite only." >&2
    exit 1
  fi
fi
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)

DIR=$(mktemp -d /tmp/gateway-console-pg.XXXXXX)
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
AS=()
if [ "$(id -u)" = 0 ]; then
  USER_NAME=$(getent passwd postgres >/dev/null && echo postgres || echo nobody)
  chown "$USER_NAME" "$DIR"
  AS=(runuser -u "$USER_NAME" --)
fi
cleanup() {
  "${AS[@]}" "$PG_CTL" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

"${AS[@]}" "$INITDB" -D "$DIR/data" -U console -A trust --no-sync >/dev/null
"${AS[@]}" "$PG_CTL" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off" start >/dev/null

echo "Storage tests on PostgreSQL $("${AS[@]}" "$(dirname "$INITDB")/postgres" --version | awk '{print $3}') at 127.0.0.1:$PORT"
export DATABASE_URL="postgres://console@127.0.0.1:$PORT/postgres"
npx vitest run --project bff apps/bff/src/db
# The rollout runner on PostgreSQL: its lease between two replicas with their own connection pools.
npx vitest run --project bff apps/bff/src/routes/rollouts.test.ts
