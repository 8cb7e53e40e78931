#!/usr/bin/env bash
# The one test command: every test project, on SQLite and on a private PostgreSQL server,
# plus the browser tests in Debian's Chromium, then wapiti and sqlmap against the portal, then the portal behind Debian's nginx,
# then two instances of it on one PostgreSQL database behind one nginx.
# Prints "tests: N passed, N failed, N skipped" last.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
OUT="$ROOT/out/test"
rm -rf "$OUT" && mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Three lanes share two cores: a thread-pool thread that spins waiting for work takes CPU another lane could use.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages the tests need (nothing else is assumed beyond the .NET SDK).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v wapiti >/dev/null || missing+=(wapiti)
command -v sqlmap >/dev/null || missing+=(sqlmap)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { echo "apt-get install failed"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# 2. One build of everything.
echo "== build"
dotnet tool restore >/dev/null
if ! dotnet build SecurityPortal.sln -c Release -v quiet -nologo >"$OUT/build.log" 2>&1; then
  grep -v 'warning NU1603' "$OUT/build.log" | tail -n 40
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
echo "== build done at $SECONDS s"

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
       -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$OUT/pg-initdb.log" "$PGTMP/server.log" 2>/dev/null; echo "tests: 0 passed, 1 failed"; exit 1; }
PG_CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# 4. The suites, in three lanes that share the machine's two cores: the SQLite suites then the browser tests, the
# PostgreSQL suites, and the scanners (which start their own portal). Each run writes a TRX file and a log; a run that
# writes no TRX file counts as a failure. Every step prints its wall-clock and CPU seconds.
crashed_file="$OUT/crashed"; : >"$crashed_file"
TIMEFORMAT='%R %U %S'
step_done() { # name, seconds file, outcome
  local name=$1 real user sys
  read -r real user sys <"$2"
  awk -v n="$name" -v r="$real" -v c="$user + $sys" -v o="$3" 'BEGIN { split(c, p, " + "); printf "== %-14s %5.0f s  (CPU %4.0f s)  %s\n", n, r, p[1] + p[2], o }' </dev/null
}
run() {
  local name=$1 project=$2 filter=$3; shift 3
  { time env "$@" dotnet test "$project" -c Release --no-build --nologo -v quiet --filter "$filter" \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$OUT" >"$OUT/$name.log" 2>&1; } 2>"$OUT/$name.time"
  local outcome
  outcome=$(grep -E '^(Passed!|Failed!)' "$OUT/$name.log" | sed 's/ - .*//' | tail -n 1)
  if [ ! -f "$OUT/$name.trx" ]; then
    echo "$name" >>"$crashed_file"; outcome="produced no results"
  fi
  step_done "$name" "$OUT/$name.time" "${outcome:-}"
  grep -qE '^Failed!|^\s+Failed ' "$OUT/$name.log" && sed -n '/^\s*Failed /,/^\s*$/p' "$OUT/$name.log" | head -n 60
  return 0
}
# The web suites also record what every signed-in POST wrote to the audit trail (tests/Shared/AuditWitness.cs);
# the audit run then checks that every POST handler of the portal was seen writing its entries.
# Tests that touch no database (Category=ProviderIndependent: the SQL Server script, source and architecture rules, the
# ASVS matrix, …) run in the SQLite pass only.
all=FullyQualifiedName!=none; web='Category!=AuditCoverage'; witness="$OUT/audit-witness"
on_pg='Category!=ProviderIndependent'; web_pg="$web&$on_pg"
sqlite_lane() {
  run domain tests/SecurityPortal.Domain.Tests "$all"
  run data-sqlite tests/SecurityPortal.Data.Tests "$all" PORTAL_TEST_DB=sqlite
  run web-sqlite tests/SecurityPortal.Web.Tests "$web" PORTAL_TEST_DB=sqlite PORTAL_AUDIT_WITNESS="$witness"
  run browser tests/SecurityPortal.BrowserTests "$all" PORTAL_TEST_DB=sqlite PORTAL_SCREENSHOTS="$OUT/screenshots"
}
postgres_lane() {
  run data-postgres tests/SecurityPortal.Data.Tests "$on_pg" PORTAL_TEST_DB=postgres PORTAL_TEST_PG="$PG_CS"
  run web-postgres tests/SecurityPortal.Web.Tests "$web_pg" PORTAL_TEST_DB=postgres PORTAL_TEST_PG="$PG_CS" PORTAL_AUDIT_WITNESS="$witness"
}
# A shell check (its own portal on loopback) that prints its result lines and "name: N passed, N failed" last.
check() {
  local name=$1 script=$2
  { time "$script" "$OUT" >"$OUT/$name.txt" 2>&1; } 2>"$OUT/$name.time"
  step_done "$name" "$OUT/$name.time" "$(tail -n 1 "$OUT/$name.txt")"
  grep -E '^  (FAIL|ok) ' "$OUT/$name.txt"
}
checks=(scan proxy instances)
scan_lane() {
  # 5. The scanners against the real portal on loopback (wapiti, sqlmap; reviewed allow-list in tests/scan-allowlist.tsv).
  check scan scripts/scan.sh
  # 6. The released portal in Production behind Debian's nginx with deploy/nginx/securityportal.conf, checked with curl
  # (about 30 s; this lane ends first, so it lengthens no other).
  check proxy scripts/proxy-check.sh
  # 7. Two released instances in Production on one database of the private PostgreSQL cluster, behind one nginx with both in
  # its upstream: sessions, a form sent twice, the background jobs once each, kill -9 of one mid-request (about 40 s).
  PORTAL_TEST_PG="$PG_CS" check instances scripts/instances-check.sh
}
sqlite_lane & sqlite_pid=$!
postgres_lane & postgres_pid=$!
scan_lane & scan_pid=$!
wait "$sqlite_pid" "$postgres_pid" "$scan_pid"
run audit tests/SecurityPortal.Web.Tests 'Category=AuditCoverage' PORTAL_TEST_DB=sqlite PORTAL_AUDIT_WITNESS="$witness" PORTAL_AUDIT_WITNESS_CHECK=1
crashed=$(wc -l <"$crashed_file")
check_lines=()
for name in "${checks[@]}"; do
  line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed\$" "$OUT/$name.txt" 2>/dev/null | tail -n 1)
  if [ -n "$line" ]; then check_lines+=("$line"); else echo "!! $name produced no result"; tail -n 20 "$OUT/$name.txt" 2>/dev/null; crashed=$((crashed + 1)); fi
done
echo "== total          $((SECONDS)) s"

# 8. The closing line, from the TRX counters and the shell checks.
passed=0; failed=$crashed; skipped=0
for line in "${check_lines[@]}"; do
  passed=$((passed + $(echo "$line" | grep -o '[0-9]* passed' | grep -o '[0-9]*')))
  failed=$((failed + $(echo "$line" | grep -o '[0-9]* failed' | grep -o '[0-9]*')))
done
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
