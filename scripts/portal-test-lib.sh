# Sourced by scripts/scan.sh and scripts/proxy-check.sh: result lines, a free loopback port, a throw-away portal of the
# Release build. The caller runs from the repository's root.

APP=src/SecurityPortal.Web/bin/Release/net10.0/SecurityPortal.Web.dll
passed=0; failed=0
# verdict NAME ok|fail: one result line, counted for the closing "…: N passed, N failed".
verdict() { if [ "$2" = ok ]; then passed=$((passed + 1)); echo "  ok    $1"; else failed=$((failed + 1)); echo "  FAIL  $1"; fi; }

# free_port LOW HIGH: prints a port in LOW..HIGH that nothing listens on at 127.0.0.1. Callers keep below 20000: the
# kernel hands out 32768–60999 to outgoing connections (a port in use by one cannot be listened on, and a connect test
# does not see it), and ./test.sh's PostgreSQL takes 20000–40000.
free_port() {
  local port
  for port in $(shuf -i "$1-$2" -n 20); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# start_portal URL DATA LOG [NAME=VALUE…]: the portal on URL with its own SQLite file, files folder and log file under
# DATA, the demo province and no background work; NAME=VALUE pairs add settings or override these. Sets PORTAL_PID.
start_portal() {
  local url=$1 data=$2 log=$3; shift 3
  env Seed__Demo=true Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$data/portal.db" Files__Root="$data/files" \
    Mail__SenderEnabled=false Notifications__WorkerEnabled=false Dashboard__SnapshotEnabled=false WebsiteWatch__WorkerEnabled=false \
    Serilog__WriteTo__1__Args__path="$data/portal-.log" "$@" \
    dotnet "$APP" --urls "$url" --contentRoot "$PWD/src/SecurityPortal.Web" >"$log" 2>&1 &
  PORTAL_PID=$!
}

# wait_ready URL: waits (90 s at most) until URL answers 2xx; fails at once when the portal has stopped.
wait_ready() {
  local _
  for _ in $(seq 1 90); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "$PORTAL_PID" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}
