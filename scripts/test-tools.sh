#!/usr/bin/env bash
# Before `npm test`: the system tools the tests use, installed from Debian's packages when they are
# missing and this user can (root with apt-get); otherwise one message saying what to install.
#   redis-server         the Redis suites start their own on free ports (never one you run)
#   docker-compose       only to check docker-compose.yml with `docker-compose config` (no engine needed)
#   postgresql-15-pgtap  pgTAP for PostgreSQL 15, and pg_prove (libtap-parser-sourcehandler-pgtap-perl):
#                        the generated database tests run on the PostgreSQL server at PGHOST:PGPORT
#                        (127.0.0.1:5432, user postgres), each in a database of its own that it drops
#   chromium             Debian's browser at /usr/bin/chromium, driven by playwright-core to open the
#                        generated app (test/agents/generated-app.test.ts); playwright never downloads one
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
ls /usr/share/postgresql/15/extension/pgtap.control >/dev/null 2>&1 || missing+=(postgresql-15-pgtap)
command -v pg_prove >/dev/null 2>&1 || missing+=(libtap-parser-sourcehandler-pgtap-perl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing ${missing[*]} (Debian packages, needed by the tests)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need ${missing[*]}: install it (Debian: sudo apt-get install ${missing[*]}) and run npm test again." >&2
exit 1
