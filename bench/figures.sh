#!/usr/bin/env bash
# Figures live (issue 21): the province dashboard and one agency's page with the dashboard cache OFF
# (Dashboard:CacheSeconds=0, so every request computes its figures from the database), beside the trivial pages of the
# same run (/health/live, the login page, and /Notifications signed in: the signed-in ceiling). Uses an existing generated province (bench/SecurityPortal.Bench.Generator;
# see docs/performance.md), warms every page up first, then measures one request at a time with wrk and prints
# p50/p95/p99. Asserts nothing. Only 127.0.0.1 is ever a target.
#
#   bench/figures.sh <province.db> [duration=15s] [connections=1]
#   BENCH_DB=/tmp/p1.db bench/figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-${BENCH_DB:-/tmp/securityportal-bench/p1.db}}
DURATION=${2:-15s}
CONNECTIONS=${3:-1}
PORT=${BENCH_PORT:-5198}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/figures-bench.XXXXXX)
[ -f "$DB" ] || { echo "no province at $DB: generate one first (docs/performance.md)"; exit 66; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  echo "== build (Release)"
  dotnet build src/SecurityPortal.Web -c Release -v quiet -nologo >/dev/null
fi
APP="dotnet src/SecurityPortal.Web/bin/Release/net10.0/SecurityPortal.Web.dll"

cleanup() { [ -n "${PORTAL_PID:-}" ] && kill "$PORTAL_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

export Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$DB"
export ASPNETCORE_ENVIRONMENT=Benchmark Security__SecureCookiesOnly=false RateLimits__LoginPerMinute=100000
export Mail__SenderEnabled=false Notifications__WorkerEnabled=false Dashboard__SnapshotEnabled=false WebsiteWatch__WorkerEnabled=false
export Serilog__MinimumLevel__Default=Warning Dashboard__CacheSeconds=0

$APP --urls "$BASE" >"$WORK/portal.log" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 180); do
  curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/health/ready" >/dev/null || { echo "the portal did not become ready"; tail -n 30 "$WORK/portal.log"; exit 1; }

# shellcheck source=../scripts/portal-sign-in.sh
. scripts/portal-sign-in.sh
LEADER=$(sqlite3 "$DB" "SELECT Email FROM AspNetUsers WHERE Email LIKE 'lanhdao@p%.bench' LIMIT 1")
portal_sign_in "$BASE" "$LEADER" Bench@SongLam2026 "$WORK/cookies.txt" || { echo "sign-in failed"; exit 1; }
COOKIE=$PORTAL_COOKIE

# The agencies with the most and the fewest operating systems (the agency page must follow the agency's size).
read -r BIG BIG_SYSTEMS < <(sqlite3 -separator ' ' "$DB" "SELECT lower(OwnerAgencyId), count(*) FROM InformationSystems WHERE Lifecycle = 'Operating' GROUP BY OwnerAgencyId ORDER BY count(*) DESC LIMIT 1")
read -r SMALL SMALL_SYSTEMS < <(sqlite3 -separator ' ' "$DB" "SELECT lower(OwnerAgencyId), count(*) FROM InformationSystems WHERE Lifecycle = 'Operating' GROUP BY OwnerAgencyId ORDER BY count(*), OwnerAgencyId LIMIT 1")
TOTAL_SYSTEMS=$(sqlite3 "$DB" "SELECT count(*) FROM InformationSystems WHERE Lifecycle = 'Operating'")

measure() {
  # The login page is measured signed out (signed in it redirects home).
  local name=$1 path=$2 cookie="Cookie: $COOKIE" status line
  [ "$path" = /Account/Login ] && cookie="Cookie: none=1"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "$BASE$path")
  [ "$status" = 200 ] || { echo "$path answered $status"; exit 1; }
  line=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s bench/percentiles.lua -H "$cookie" "$BASE$path" | grep '^RESULT')
  printf '%-34s %s\n' "$name" "${line#RESULT }"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(uname -r); province $(basename "$DB"): $TOTAL_SYSTEMS operating systems"
echo "== warm-up (every page 20 times; the first reading of the day counts the kept figures, see docs/dashboard.md)"
for path in /health/live /Notifications /Dashboard "/Dashboard/Agency/$BIG" "/Dashboard/Agency/$SMALL"; do
  for _ in $(seq 1 20); do curl -s -o /dev/null -H "Cookie: $COOKIE" "$BASE$path"; done
done
echo "== wrk -t1 -c$CONNECTIONS -d$DURATION each, Dashboard:CacheSeconds=0 (latency in ms)"
measure "trivial: /health/live" /health/live
measure "trivial: login page" /Account/Login
measure "trivial signed in: /Notifications" /Notifications
measure "dashboard (province)" /Dashboard
measure "agency page ($BIG_SYSTEMS systems)" "/Dashboard/Agency/$BIG"
measure "agency page ($SMALL_SYSTEMS systems)" "/Dashboard/Agency/$SMALL"
measure "ranking (province)" /Dashboard/Ranking
