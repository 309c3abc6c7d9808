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
mkdir -p .local
results=.local/test-results.json
status=0
pnpm --silent vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?

# One plain closing line for whoever reads the log (and CI): "N passed, N failed, N skipped".
if [ -f "$results" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  ' "$results"
fi
exit "$status"
