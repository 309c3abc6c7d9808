#!/usr/bin/env bash
# Installs everything and starts the whole system on this machine: native Kafka, the Postgres
# database with its roles and schemas, the topics, the three services (each migrating its own
# schema), and a demo brand with simulated traffic. Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/bootstrap.sh

RAPPORT_DB=${RAPPORT_DB:-rapport}
ADMIN_DATABASE_URL=${ADMIN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
RUN_DIR=.local/run
mkdir -p "$RUN_DIR"

# Development secrets, made once per checkout and kept (git-ignored) so a restart can still open
# the source secrets it sealed before. Production takes them from a secret store instead.
DEV_SECRETS=.local/dev-secrets.env
if [ ! -f "$DEV_SECRETS" ]; then
  mkdir -p .local && install -m 600 /dev/null "$DEV_SECRETS"
  {
    echo "ADMIN_TOKEN=$(node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))')"
    echo "SOURCE_SECRET_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
  } >>"$DEV_SECRETS"
fi
# shellcheck disable=SC1090
source "$DEV_SECRETS"

install_dependencies
ensure_postgres

log "starting Kafka (native, KRaft)"
bash infra/kafka/kafka.sh start

log "provisioning database '$RAPPORT_DB' (roles and schemas)"
pnpm --silent tsx infra/postgres/provision.ts --admin-url "$ADMIN_DATABASE_URL" --database "$RAPPORT_DB"

log "creating topics"
KAFKA_BROKERS="$KAFKA_BROKERS" pnpm --silent tsx infra/kafka/topics.ts

db_url() { # role
  node -e 'const u=new URL(process.argv[1]); u.username=process.argv[3]; u.pathname="/"+process.argv[2]; console.log(u.toString())' \
    "$ADMIN_DATABASE_URL" "$RAPPORT_DB" "$1"
}

pids=()
stop_all() {
  trap - INT TERM EXIT
  log "stopping services"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP_KAFKA:-0}" != 1 ]; then bash infra/kafka/kafka.sh stop; fi
  log "stopped"
}
trap stop_all INT TERM EXIT

start_service() { # name port
  local name=$1 port=$2
  log "starting $name on :$port (log: $RUN_DIR/$name.log)"
  (
    export PORT="$port" KAFKA_BROKERS="$KAFKA_BROKERS" ADMIN_TOKEN="$ADMIN_TOKEN" \
      SOURCE_SECRET_KEY="$SOURCE_SECRET_KEY" DATABASE_URL="$(db_url "rapport_$name")" MIGRATION_DATABASE_URL="$(db_url "rapport_${name}_owner")" \
      LOG_FORMAT=json
    # node itself (not pnpm) so that SIGTERM reaches the service and it drains cleanly.
    exec node --import tsx "services/$name/src/main.ts"
  ) >"$RUN_DIR/$name.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # name port
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/readyz" >/dev/null && return 0
    sleep 0.5
  done
  die "$1 did not become ready; see $RUN_DIR/$1.log"
}

start_service ingestion 3001
start_service scoring 3002
start_service reporting 3003
wait_ready ingestion 3001
wait_ready scoring 3002
wait_ready reporting 3003

cat <<MSG

  Rapport is up.
    ingestion  http://127.0.0.1:3001/docs   (webhooks, sources)
    scoring    http://127.0.0.1:3002/docs
    reporting  http://127.0.0.1:3003/docs
    dashboard  http://127.0.0.1:3003/dashboard
  Admin token: in $DEV_SECRETS   Logs: $RUN_DIR/*.log   Ctrl-C stops everything.

MSG

if [ -f tools/demo.ts ]; then
  log "creating the demo brand and sending simulated traffic"
  ADMIN_TOKEN="$ADMIN_TOKEN" pnpm --silent tsx tools/demo.ts &
  pids+=($!)
fi

wait "${pids[0]}"
