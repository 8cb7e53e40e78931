#!/usr/bin/env bash
# Dashboard and list benchmark (issue 7). Generates province P<scale> (once; idempotent) in SQLite or a private
# PostgreSQL cluster, starts the portal in Release on loopback, signs in as the generated leader and measures with
# wrk: dashboard, agency page, filtered paged lists, and a trivial page as the ceiling; then times Mẫu 08 and an
# Excel export of every system, and a 150-item assessment opened and answered item by item (issue 5). Prints a table of p50/p95/p99 and requests per second. Asserts nothing.
#
#   bench/dashboard.sh [scale=1] [sqlite|postgres] [duration=15s]
#   BENCH_ONLY=assessment bench/dashboard.sh 1 sqlite   # only the 150-item assessment, three runs of 150 opens and saves
#   BENCH_ONLY=load bench/dashboard.sh 1 sqlite 60s      # issue 8 load: 100 connections, 100 signed-in sessions, everyday pages
#   BENCH_ONLY=reports bench/dashboard.sh 1 postgres     # only Mẫu 08 (Excel, Word) and the all-systems Excel, three times each
#   BENCH_ONLY=lists bench/dashboard.sh 10 sqlite        # only the paged lists (the filtered ones of the target, then each as it opens)
#
# Only 127.0.0.1 is ever a target.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
PROVIDER=${2:-sqlite}
DURATION=${3:-15s}
WORK=${BENCH_DIR:-/tmp/securityportal-bench}
PORT=${BENCH_PORT:-5199}
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

echo "== build (Release)"
dotnet build src/SecurityPortal.Web -c Release -v quiet -nologo >/dev/null
dotnet build bench/SecurityPortal.Bench.Generator -c Release -v quiet -nologo >/dev/null
APP="dotnet src/SecurityPortal.Web/bin/Release/net10.0/SecurityPortal.Web.dll"
# The province generator is a benchmark tool, not part of the portal (docs/performance.md).
GENERATE="dotnet bench/SecurityPortal.Bench.Generator/bin/Release/net10.0/SecurityPortal.Bench.Generator.dll generate"

PGTMP=""
cleanup() {
  [ -n "${PORTAL_PID:-}" ] && kill "$PORTAL_PID" 2>/dev/null || true
  if [ -n "$PGTMP" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if [ "$PROVIDER" = postgres ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGTMP="$WORK/pg"
  PGPORT=${BENCH_PG_PORT:-25432}
  if [ ! -d "$PGTMP/data" ]; then
    mkdir -p "$PGTMP" && chown postgres:postgres "$PGTMP"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c shared_buffers=1GB -c work_mem=64MB" start >/dev/null
  export Database__Provider=PostgreSql Database__MigrateOnStartup=true
  export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=bench_p$SCALE;Maximum Pool Size=50"
else
  export Database__Provider=Sqlite
  export ConnectionStrings__Portal="Data Source=$WORK/p$SCALE.db"
fi

export ASPNETCORE_ENVIRONMENT=Benchmark Security__SecureCookiesOnly=false RateLimits__LoginPerMinute=100000
export Mail__SenderEnabled=false Notifications__WorkerEnabled=false Dashboard__SnapshotEnabled=false WebsiteWatch__WorkerEnabled=false
export Serilog__MinimumLevel__Default=Warning

echo "== province P$SCALE on $PROVIDER"
/usr/bin/time -f "generation: %e s" $GENERATE --scale "$SCALE" >"$WORK/generate.log"
tail -n 3 "$WORK/generate.log"
if [ "$PROVIDER" = postgres ]; then
  # Fresh statistics and visibility map after the bulk load, as autovacuum would have them in service.
  runuser -u postgres -- "$PGBIN/psql" -h "$PGTMP" -p "$PGPORT" -d "bench_p$SCALE" -qc 'VACUUM (ANALYZE)'
fi
BENCH_ASSESSMENT=$(grep -o 'BENCH_ASSESSMENT=[0-9a-f-]*' "$WORK/generate.log" | cut -d= -f2)
BENCH_OFFICER=$(grep -o 'BENCH_OFFICER=[^ ]*' "$WORK/generate.log" | cut -d= -f2)
dotnet build bench/SecurityPortal.Bench -c Release -v quiet -nologo >/dev/null

start_portal() {
  $APP --urls "$BASE" >"$WORK/portal.log" 2>&1 &
  PORTAL_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "$BASE/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the portal did not become ready"; tail -n 30 "$WORK/portal.log"; exit 1
}

# shellcheck source=../scripts/portal-sign-in.sh
. scripts/portal-sign-in.sh
sign_in() {
  portal_sign_in "$BASE" "lanhdao@p$SCALE.bench" Bench@SongLam2026 "$WORK/cookies.txt" || { echo "sign-in failed"; exit 1; }
  COOKIE=$PORTAL_COOKIE
}

measure() {
  local name=$1 path=$2
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$path")
  [ "$status" = 200 ] || { echo "$path answered $status"; exit 1; }
  local line
  # With the cache off a dashboard computation takes seconds under load: wait up to 30 s rather than count timeouts.
  line=$(wrk -t2 -c"${CONNECTIONS:-8}" -d"$DURATION" --timeout 30s -s bench/percentiles.lua -H "Cookie: $COOKIE" "$BASE$path" | grep '^RESULT')
  printf '%-28s %s\n' "$name" "${line#RESULT }" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
}

timed() {
  local name=$1 path=$2
  local seconds
  seconds=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" "$BASE$path")
  printf '%-28s %s s\n' "$name" "$seconds" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
}

: >"$WORK/results-$PROVIDER-p$SCALE.txt"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(uname -r)" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"

if [ "${BENCH_ONLY:-}" = load ]; then
  export Dashboard__CacheSeconds=60
  start_portal
  # 100 sessions: the generated officers (one per 50 agencies) and the leader, signed in through the login form.
  : >"$WORK/load-cookies.txt"
  users=(lanhdao@p$SCALE.bench canbo@p$SCALE.bench)
  for i in $(seq 50 50 $((2000 * SCALE - 50))); do users+=("canbo$i@p$SCALE.bench"); done
  for s in $(seq 0 99); do
    user=${users[$((s % ${#users[@]}))]}
    portal_sign_in "$BASE" "$user" Bench@SongLam2026 "$WORK/load-jar.txt" || { echo "sign-in of $user failed"; exit 1; }
    printf '%s' "$PORTAL_COOKIE" >>"$WORK/load-cookies.txt"
    echo >>"$WORK/load-cookies.txt"
  done
  echo "== load: wrk -t2 -c100 -d$DURATION, 100 sessions of ${#users[@]} accounts (capped at 100), 10 everyday pages" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
  LOAD_COOKIES="$WORK/load-cookies.txt" wrk -t2 -c100 -d"$DURATION" --timeout 10s -s bench/load.lua "$BASE/" | grep '^RESULT' \
    | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
  exit 0
fi

if [ "${BENCH_ONLY:-}" = reports ]; then
  start_portal
  sign_in
  for run in 1 2 3; do
    echo "== reports, run $run (run 1 includes the portal's warm-up)" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
    timed "Mẫu 08 Excel (province)" "/Reports/Annual?handler=Excel"
    timed "Mẫu 08 Word (province)" "/Reports/Annual?handler=Word"
    timed "Excel, every system" "/Systems?handler=Excel"
  done
  exit 0
fi

if [ "${BENCH_ONLY:-}" = lists ]; then
  # The paged lists alone (issue 7: p95 <= 50 ms at P10): the benchmarked filters, then each list as it first opens.
  export Dashboard__CacheSeconds=60
  start_portal
  sign_in
  echo "== lists: wrk, ${DURATION} each, 2 threads, 8 connections" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
  measure "trivial page (ceiling)" "/Notifications"
  measure "dossiers, filtered, page 3" "/Dossiers?scope=all&level=2&trang=3"
  measure "systems, search, page 2" "/Systems?q=c%E1%BB%95ng&trang=2"
  measure "tasks, overdue, high" "/Tasks?view=all&overdue=true&severity=High"
  measure "dossiers, open queue" "/Dossiers"
  measure "systems, first page" "/Systems"
  measure "tasks, province, page 3" "/Tasks?view=all&trang=3"
  measure "assessments, this year" "/Assessments"
  timed "Excel, every system" "/Systems?handler=Excel"
  timed "Excel, every open task" "/Tasks?view=all&handler=Excel"
  exit 0
fi

if [ "${BENCH_ONLY:-}" = assessment ]; then
  start_portal
  for run in 1 2 3; do
    echo "== assessment, run $run (run 1 includes the portal's warm-up)" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
    dotnet bench/SecurityPortal.Bench/bin/Release/net10.0/SecurityPortal.Bench.dll assessment "$BASE" "$BENCH_OFFICER" Bench@SongLam2026 "$BENCH_ASSESSMENT" 150 \
      | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
  done
  exit 0
fi

for cache in 60 0; do
  export Dashboard__CacheSeconds=$cache
  start_portal
  sign_in
  curl -s -H "Cookie: $COOKIE" "$BASE/Dashboard/Ranking" -o "$WORK/ranking.html"
  AGENCY=$(grep -o '/Dashboard/Agency/[0-9a-f-]*' "$WORK/ranking.html" | head -n 1 || true)
  # The uncached run uses 2 connections: it measures one computation, not a queue of them.
  if [ "$cache" = 0 ]; then CONNECTIONS=2; else CONNECTIONS=8; fi
  echo "== wrk, ${DURATION} each, 2 threads, $CONNECTIONS connections; dashboard cache ${cache} s" | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
  if [ "$cache" = 60 ]; then
    measure "trivial page (ceiling)" "/Notifications"
  fi
  measure "dashboard" "/Dashboard"
  measure "agency page" "$AGENCY"
  if [ "$cache" = 60 ]; then
    measure "dossiers, filtered, page 3" "/Dossiers?scope=all&level=2&trang=3"
    measure "systems, search, page 2" "/Systems?q=c%E1%BB%95ng&trang=2"
    measure "tasks, overdue, high" "/Tasks?view=all&overdue=true&severity=High"
    timed "Mẫu 08 Excel (province)" "/Reports/Annual?handler=Excel"
    timed "Mẫu 08 Word (province)" "/Reports/Annual?handler=Word"
    timed "Excel, every system" "/Systems?handler=Excel"
    # Issue 5: a 150-item assessment opened and answered one item at a time by its officer.
    dotnet bench/SecurityPortal.Bench/bin/Release/net10.0/SecurityPortal.Bench.dll assessment "$BASE" "$BENCH_OFFICER" Bench@SongLam2026 "$BENCH_ASSESSMENT" 40 \
      | tee -a "$WORK/results-$PROVIDER-p$SCALE.txt"
  fi
  kill "$PORTAL_PID"; wait "$PORTAL_PID" 2>/dev/null || true; PORTAL_PID=""
done
echo "== figures in $WORK/results-$PROVIDER-p$SCALE.txt"
