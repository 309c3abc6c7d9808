#!/usr/bin/env bash
# The dashboard's browser test drives Debian's chromium through playwright-core. Installs it when
# missing (as root, through apt), otherwise fails loudly: the test is never skipped.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing at $CHROMIUM and this user cannot install it: run 'apt-get install -y chromium' as root" >&2
  exit 1
fi
echo "installing chromium (apt-get install -y --no-install-recommends chromium)…" >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2 || {
  DEBIAN_FRONTEND=noninteractive apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2
}
[ -x "$CHROMIUM" ] || { echo "chromium still missing at $CHROMIUM after apt-get" >&2; exit 1; }
