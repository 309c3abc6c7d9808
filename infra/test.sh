#!/usr/bin/env bash
# Installs everything and runs every test: types, lint, unit and integration (real Kafka and
# Postgres). Kafka and Postgres come from KAFKA_BROKERS / DATABASE_URL when set, else from
# testcontainers when a Docker engine answers, else the native Kafka runner and the local Postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/bootstrap.sh

install_dependencies
ensure_postgres

log "typecheck"
pnpm --silent typecheck
log "lint"
pnpm --silent lint
log "tests"
pnpm --silent vitest run "$@"
