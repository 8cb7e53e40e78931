#!/usr/bin/env bash
# The one test command: every test project, on SQLite and on a private PostgreSQL server,
# plus the browser tests in Debian's Chromium, then wapiti and sqlmap against the portal. Prints "tests: N passed, N failed, N skipped" last.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
OUT="$ROOT/out/test"
rm -rf "$OUT" && mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages the tests need (nothing else is assumed beyond the .NET SDK).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v wapiti >/dev/null || missing+=(wapiti)
command -v sqlmap >/dev/null || missing+=(sqlmap)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { echo "apt-get install failed"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# 2. One build of everything.
echo "== build"
dotnet tool restore >/dev/null
if ! dotnet build SecurityPortal.sln -c Release -v quiet -nologo; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# 3. A private PostgreSQL cluster on a free loopback port, stopped on exit.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGTMP=$(mktemp -d /tmp/securityportal-pg.XXXXXX)
PGPORT=""
for port in $(shuf -i 20000-40000 -n 20); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then PGPORT=$port; break; fi
done
pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGTMP"
stop_pg() { pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGTMP"; }
trap stop_pg EXIT
echo "== PostgreSQL on 127.0.0.1:$PGPORT"
pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$OUT/pg-initdb.log" 2>&1 \
  && pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
       -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c max_connections=200" start >/dev/null \
  || { cat "$OUT/pg-initdb.log" "$PGTMP/server.log" 2>/dev/null; echo "tests: 0 passed, 1 failed"; exit 1; }
PG_CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# 4. The suites. Each run writes a TRX file; a run that writes none counts as a failure.
crashed=0
run() {
  local name=$1 project=$2 filter=$3; shift 3
  echo "== $name"
  env "$@" dotnet test "$project" -c Release --no-build --nologo -v quiet --filter "$filter" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$OUT" || true
  [ -f "$OUT/$name.trx" ] || { echo "!! $name produced no results"; crashed=$((crashed + 1)); }
}
# The web suites also record what every signed-in POST wrote to the audit trail (tests/Shared/AuditWitness.cs);
# the audit run then checks that every POST handler of the portal was seen writing its entries.
all=FullyQualifiedName!=none; web='Category!=AuditCoverage'; witness="$OUT/audit-witness"
run domain tests/SecurityPortal.Domain.Tests "$all"
run data-sqlite tests/SecurityPortal.Data.Tests "$all" PORTAL_TEST_DB=sqlite
run web-sqlite tests/SecurityPortal.Web.Tests "$web" PORTAL_TEST_DB=sqlite PORTAL_AUDIT_WITNESS="$witness"
run data-postgres tests/SecurityPortal.Data.Tests "$all" PORTAL_TEST_DB=postgres PORTAL_TEST_PG="$PG_CS"
run web-postgres tests/SecurityPortal.Web.Tests "$web" PORTAL_TEST_DB=postgres PORTAL_TEST_PG="$PG_CS" PORTAL_AUDIT_WITNESS="$witness"
run audit tests/SecurityPortal.Web.Tests 'Category=AuditCoverage' PORTAL_TEST_DB=sqlite PORTAL_AUDIT_WITNESS="$witness" PORTAL_AUDIT_WITNESS_CHECK=1
run browser tests/SecurityPortal.BrowserTests "$all" PORTAL_TEST_DB=sqlite PORTAL_SCREENSHOTS="$OUT/screenshots"

# 5. The scanners against the real portal on loopback (wapiti, sqlmap; reviewed allow-list in tests/scan-allowlist.tsv).
echo "== scan"
scripts/scan.sh "$OUT" | tee "$OUT/scan.txt"
scan_line=$(grep -E '^scan: [0-9]+ passed, [0-9]+ failed$' "$OUT/scan.txt" | tail -n 1)
if [ -z "$scan_line" ]; then echo "!! scan produced no result"; crashed=$((crashed + 1)); fi

# 6. The closing line, from the TRX counters and the scan.
passed=0; failed=$crashed; skipped=0
if [ -n "$scan_line" ]; then
  passed=$(echo "$scan_line" | grep -o '[0-9]* passed' | grep -o '[0-9]*')
  failed=$((failed + $(echo "$scan_line" | grep -o '[0-9]* failed' | grep -o '[0-9]*')))
fi
for trx in "$OUT"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
