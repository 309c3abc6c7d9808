# Shared by infra/start.sh and infra/test.sh: make a fresh machine ready to build Rapport.
# Sourced, not executed. Needs Node 20.19+, npm, Java 17 and Maven (for the native Kafka).

PNPM_VERSION=12.4.2

log() { printf '\033[1;34m[rapport]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[rapport]\033[0m %s\n' "$*" >&2; exit 1; }

ensure_node() {
  command -v node >/dev/null || die "Node.js 20.19+ is required"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js 20.19+ is required (found $(node --version))"
}

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

install_dependencies() {
  ensure_node
  ensure_pnpm
  log "installing dependencies (pnpm install --frozen-lockfile)"
  pnpm install --frozen-lockfile --reporter=silent
}

# The machine's own PostgreSQL (trust auth for local development and CI). Start it if it is
# installed but stopped; a DATABASE_URL in the environment means someone else provides one.
ensure_postgres() {
  [ -n "${DATABASE_URL:-}" ] && return 0
  if pg_isready -q -h 127.0.0.1 -p 5432; then return 0; fi
  if command -v pg_ctlcluster >/dev/null; then
    log "starting the local PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  die "PostgreSQL is not answering at 127.0.0.1:5432 (set DATABASE_URL to use another)"
}
