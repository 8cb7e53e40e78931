#!/usr/bin/env bash
# Two instances behind one nginx on one PostgreSQL database (issue 19), part of ./test.sh: a fresh database in the
# private cluster ./test.sh started, `admin migrate` once, the demo province and three late incidents written by a first
# start of instance A alone; then A and B started at the same moment, in Production, with every background loop on and
# short intervals, behind Debian's nginx running deploy/nginx/securityportal.conf with both in its upstream. Checked with
# curl and psql: a session continues across the instances, a form sent to both acts once, each background job's work is
# done once, and kill -9 of A in the middle of a request, while clients write through nginx, loses no acknowledged write
# while B keeps serving. Two extra TLS ports of the same nginx (test only, not in the reference file) each lead to one
# instance: the «doors» that start a session or send a form on A and continue it on B (A's passes a request body on as
# it arrives, so that A can be killed while still receiving one).
# Usage: PORTAL_TEST_PG='Host=127.0.0.1;Port=…;Username=postgres;Database=postgres' scripts/instances-check.sh OUT_DIR
# (needs the Release build, nginx and PostgreSQL's psql; prints "instances: N passed, N failed" last)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/test}/instances"
rm -rf "$OUT" && mkdir -p "$OUT"
# shellcheck source=portal-test-lib.sh
. scripts/portal-test-lib.sh
# shellcheck source=portal-sign-in.sh
. scripts/portal-sign-in.sh
# shellcheck source=nginx-test-lib.sh
. scripts/nginx-test-lib.sh
done_line() { echo "instances: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

NAME=portal.test
OFFICER=canbo.syt@songlam.demo
PASSWORD='ThuNghiem@2026!'
PSQL=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
[ -x "$NGINX" ] && [ -x "$PSQL" ] || { verdict "nginx and psql are installed (./test.sh installs Debian's packages)" fail; done_line; }
[ -n "${PORTAL_TEST_PG:-}" ] || { verdict "PORTAL_TEST_PG names a PostgreSQL server (./test.sh passes its private cluster)" fail; done_line; }

# The server from the connection string; a database of this run's own in it, dropped at the end.
cs() { echo "$PORTAL_TEST_PG" | tr ';' '\n' | grep -i "^$1=" | head -n 1 | cut -d= -f2-; }
PG_HOST=$(cs Host); PG_PORT=$(cs Port); PG_USER=$(cs Username)
export PGPASSWORD; PGPASSWORD=$(cs Password)
DB=instances_$(openssl rand -hex 6)
psql_on() { "$PSQL" -h "$PG_HOST" -p "${PG_PORT:-5432}" -U "$PG_USER" -d "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }
sql() { psql_on "$DB" "$1"; }

T=$(mktemp -d /tmp/securityportal-instances.XXXXXX)
chmod 0711 "$T"
mkdir -p "$T/files" "$T/a" "$T/b"
PA=$(free_port 14000 14999); PB=$(free_port 15000 15999)
TLS_PORT=$(free_port 16000 16499); DOOR_A=$(free_port 16500 16999); DOOR_B=$(free_port 17000 17499); HTTP_PORT=$(free_port 17500 17999)
HTTPS="https://$NAME:$TLS_PORT"; VIA_A="https://$NAME:$DOOR_A"; VIA_B="https://$NAME:$DOOR_B"
PID_A=""; PID_B=""

stop() { [ -n "$1" ] && { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; }; }
cleanup() {
  nginx_stop
  stop "$PID_A"; stop "$PID_B"
  cp "$T/nginx/error.log" "$OUT/nginx-error.log" 2>/dev/null; cp "$T/nginx/access.log" "$OUT/nginx-access.log" 2>/dev/null
  psql_on postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  sleep 0.2; rm -rf "$T"
}
trap cleanup EXIT

# Both instances: Production, the one database, one files folder, one Data Protection certificate, nginx as their proxy;
# each has its own mail pickup folder (to see who sent what) and its own log.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=SecurityPortal Data Protection" \
  -keyout "$T/dp.key" -out "$T/dp.crt" >"$OUT/openssl.log" 2>&1
openssl pkcs12 -export -inkey "$T/dp.key" -in "$T/dp.crt" -out "$T/dp.pfx" -passout pass:instances >>"$OUT/openssl.log" 2>&1
# Production, but the officer signs in with the password alone (the check is about two instances, not the second factor):
# two-factor is required of the listed roles only, as a phased deployment would; the demo province is allowed explicitly.
COMMON=(ASPNETCORE_ENVIRONMENT=Production Security__TwoFactorForEveryRole=false Seed__AllowDemoInProduction=true Database__Provider=PostgreSql
  "ConnectionStrings__Portal=Host=$PG_HOST;Port=${PG_PORT:-5432};Username=$PG_USER;${PGPASSWORD:+Password=$PGPASSWORD;}Database=$DB"
  Files__Root="$T/files" ReverseProxy__KnownProxies__0=127.0.0.1
  DataProtection__CertificatePath="$T/dp.pfx" DataProtection__CertificatePassword=instances)
# instance NAME PORT NAME=VALUE…: starts it in the background; sets PID_<NAME>.
instance() {
  local name=$1 port=$2 dir; shift 2
  dir="$T/$(echo "$name" | tr 'AB' 'ab')"
  env "${COMMON[@]}" Mail__Mode=Folder Mail__PickupFolder="$dir/mail" Serilog__WriteTo__1__Args__path="$dir/portal-.log" "$@" \
    dotnet "$APP" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/SecurityPortal.Web" >>"$OUT/portal-$name.log" 2>&1 &
  printf -v "PID_$name" '%s' "$!"
}
# ready PORT PID: /health/ready of the instance itself (plain HTTP on loopback answers it).
ready() { PORTAL_PID=$2 wait_ready "http://127.0.0.1:$1/health/ready"; }
LOOPS_OFF=(Mail__SenderEnabled=false Notifications__WorkerEnabled=false Dashboard__SnapshotEnabled=false WebsiteWatch__WorkerEnabled=false)
# Every loop on, each round soon: mail every second in batches of two (so that both take part), websites every 5 s with
# short time-outs (the demo sites do not resolve here), reminders and daily figures at start (their first round; the
# next would be a minute and an hour later).
LOOPS_ON=(Mail__PollSeconds=1 Mail__BatchSize=2 Notifications__ScanMinutes=1 Notifications__DigestHour=0 WebsiteWatch__PollSeconds=5
  WebsiteWatch__Concurrency=16 WebsiteWatch__RequestTimeoutSeconds=2 WebsiteWatch__CheckTimeoutSeconds=5)

# 1. A fresh database, its schema by `admin migrate` (the instances never migrate: Database:MigrateOnStartup is off for PostgreSQL).
if psql_on postgres "CREATE DATABASE $DB" >"$OUT/createdb.log" 2>&1 \
   && env "${COMMON[@]}" Serilog__WriteTo__1__Args__path="$T/migrate-.log" dotnet "$APP" admin migrate --contentRoot "$PWD/src/SecurityPortal.Web" >"$OUT/migrate.log" 2>&1 \
   && grep -q 'Đã áp dụng xong' "$OUT/migrate.log" && [ "$(sql 'SELECT count(*) FROM "__EFMigrationsHistory"')" -gt 0 ]; then
  verdict "admin migrate on a new database $DB: $(sql 'SELECT count(*) FROM "__EFMigrationsHistory"') migrations, once, before any instance" ok
else
  cat "$OUT/createdb.log" "$OUT/migrate.log"; verdict "admin migrate on a new database" fail; done_line
fi

# 2. nginx: the reference site file with both instances in its upstream, plus the two doors.
door() { # PORT INSTANCE_PORT [DIRECTIVE]: the same name and certificate, to one instance only, headers as the site file sets them
  cat <<EOF
    server {
        listen 127.0.0.1:$1 ssl;
        server_name $NAME;
        ssl_certificate $T/nginx/cert.pem;
        ssl_certificate_key $T/nginx/key.pem;
        location / {
            proxy_pass http://127.0.0.1:$2;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Host \$host;
            ${3:-}
        }
    }
EOF
}
if nginx_configure "$(door "$DOOR_A" "$PA" "proxy_request_buffering off;")
$(door "$DOOR_B" "$PB")" -- "$PA" "$PB" >"$OUT/nginx-t.log" 2>&1 && grep -q 'proxy_next_upstream error timeout;' "$T/nginx/site.conf" \
   && nginx_start >>"$OUT/nginx-t.log" 2>&1; then
  cp "$T/nginx/site.conf" "$OUT/site.conf"
else
  cat "$OUT/nginx-t.log"; verdict "nginx accepts deploy/nginx/securityportal.conf with two upstream servers" fail; done_line
fi
nginx_client "$TLS_PORT" "$DOOR_A" "$DOOR_B" "$HTTP_PORT"

# Forms: field NAME FILE reads a hidden field's value; incident_form BASE FILE fetches the incident form; incident_post
# sends it — a serious incident detected three days ago (its 24-hour clock is late) on the officer's first system;
# acknowledged ANSWER prints the new incident's id when the answer is the redirect to it.
field() { grep -o "name=\"$1\"[^>]*value=\"[^\"]*\"" "$2" | head -n 1 | sed 's/.*value="//; s/"$//'; }
DETECTED=$(TZ=Asia/Ho_Chi_Minh date -d '-3 days' +%Y-%m-%dT%H:%M)
incident_form() { # BASE FILE: the form page, 0 when it has a system to choose
  curl -s -H "Cookie: $PORTAL_COOKIE" -o "$2" "$1/Incidents/Create" && grep -q 'name="__SubmissionKey"' "$2"
}
incident_post() { # BASE FORM_FILE TITLE [CURL_ARGS…]: prints «HTTP_CODE LOCATION»
  local base=$1 form=$2 title=$3 system; shift 3
  system=$(grep -oE '<option value="[0-9a-f-]{36}"' "$form" | head -n 1 | grep -oE '[0-9a-f-]{36}')
  curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: $PORTAL_COOKIE" "$base/Incidents/Create" \
    --data-urlencode "__RequestVerificationToken=$(field __RequestVerificationToken "$form")" \
    --data-urlencode "__SubmissionKey=$(field __SubmissionKey "$form")" \
    --data-urlencode "Input.Kind=Malware" --data-urlencode "Input.Title=$title" --data-urlencode "Input.DetectedAt=$DETECTED" \
    --data-urlencode "Input.Serious=true" --data-urlencode "Input.SystemIds=$system" "$@"
}
acknowledged() { grep -oE '^302 .*/Incidents/Details/[0-9a-f-]{36}' <<<"$1" | grep -oE '[0-9a-f-]{36}$'; }

# 3. A first start of A alone seeds the demo province (every loop off); through door A the officer reports three incidents
# whose clocks are late, so that the reminder scan has work when both instances start. Then A stops.
instance A "$PA" Seed__Demo=true "${LOOPS_OFF[@]}"
seeded=0
if ready "$PA" "$PID_A" && portal_sign_in "$VIA_A" "$OFFICER" "$PASSWORD" "$T/jar"; then
  for n in 1 2 3; do
    incident_form "$VIA_A" "$T/form.html" && [ -n "$(acknowledged "$(incident_post "$VIA_A" "$T/form.html" "Sự cố trước khởi động $n")")" ] && seeded=$((seeded + 1))
  done
fi
stop "$PID_A"; PID_A=""
if [ "$seeded" != 3 ]; then
  tail -n 30 "$OUT/portal-A.log"; verdict "a first start of A seeds the demo province and takes three incident reports" fail; done_line
fi

# 4. A and B at the same moment, every loop on: each loop's first round runs on both at about the same time.
instance A "$PA" "${LOOPS_ON[@]}"
instance B "$PB" "${LOOPS_ON[@]}"
started=$SECONDS
if ready "$PA" "$PID_A" && ready "$PB" "$PID_B" && curl -fs -o /dev/null "$HTTPS/health/ready"; then
  up=$SECONDS
  echo "  A (:$PA) and B (:$PB) ready $((up - started)) s after their start, behind nginx https :$TLS_PORT"
else
  tail -n 30 "$OUT/portal-A.log" "$OUT/portal-B.log"; verdict "A and B start together on the migrated database" fail; done_line
fi

# 5. A session started on A continues on B, and through nginx whichever instance answers; one Data Protection key in
# the database, encrypted with the certificate, serves both.
session=fail
if portal_sign_in "$VIA_A" "$OFFICER" "$PASSWORD" "$T/jar"; then
  on_b=$(curl -s -o "$T/home-b.html" -w '%{http_code}' -H "Cookie: $PORTAL_COOKIE" "$VIA_B/")
  : >"$T/codes"
  for _ in 1 2 3 4 5 6; do curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $PORTAL_COOKIE" "$HTTPS/Account/Manage" >>"$T/codes"; done
  answered=$(grep -c "^$TLS_PORT 200 127.0.0.1:\(${PA}\|${PB}\) 200 GET /Account/Manage\$" "$T/nginx/access.log")
  by_a=$(grep -c "^$TLS_PORT 200 127.0.0.1:$PA 200 GET /Account/Manage\$" "$T/nginx/access.log")
  keys=$(sql 'SELECT count(*) FROM "DataProtectionKeys"'); encrypted=$(sql "SELECT count(*) FROM \"DataProtectionKeys\" WHERE \"Xml\" LIKE '%encryptedSecret%'")
  echo "  signed in on A; B: $on_b; through nginx: $(tr '\n' ' ' <"$T/codes")(A $by_a, B $((answered - by_a))); Data Protection keys: $keys, encrypted: $encrypted"
  [ "$on_b" = 200 ] && grep -q 'Hoàng Văn Yên' "$T/home-b.html" && [ "$(grep -c '^200$' "$T/codes")" = 6 ] && [ "$answered" = 6 ] \
    && [ "$by_a" -ge 1 ] && [ "$by_a" -le 5 ] && [ "$keys" = 1 ] && [ "$encrypted" = 1 ] && session=ok
fi
verdict "a session signed in on A is served by B and by both through nginx; one certificate-encrypted key in the database" "$session"

# 6. One form, sent to A and to B at the same moment (a double click that the balancer split): one incident, both
# answers the same redirect.
twice=fail
if incident_form "$VIA_A" "$T/twice.html"; then
  incident_post "$VIA_A" "$T/twice.html" "Sự cố gửi hai lần" >"$T/twice-a" & one=$!
  incident_post "$VIA_B" "$T/twice.html" "Sự cố gửi hai lần" >"$T/twice-b" & two=$!
  wait "$one" "$two"
  rows=$(sql "SELECT count(*) FROM \"Incidents\" WHERE \"Title\" = 'Sự cố gửi hai lần'")
  keys=$(sql "SELECT count(*) FROM \"FormSubmissions\" WHERE \"Key\" = '$(field __SubmissionKey "$T/twice.html")'")
  echo "  A: $(cat "$T/twice-a"); B: $(cat "$T/twice-b"); incidents: $rows; submission keys: $keys"
  id_a=$(acknowledged "$(cat "$T/twice-a")"); id_b=$(acknowledged "$(cat "$T/twice-b")")
  [ -n "$id_a" ] && [ "$id_a" = "$id_b" ] && [ "$rows" = 1 ] && [ "$keys" = 1 ] && twice=ok
fi
verdict "one form sent to A and B at once: one incident, both answered with its page" "$twice"

# 7. Each job's work done once. Waits (30 s at most once both are ready) until the outbox is empty, every website has a check,
# today's figures and the incidents' reminders are in; then counts duplicates.
settled() {
  [ "$(sql 'SELECT count(*) FROM "OutboxMails" WHERE "SentAtUtc" IS NULL AND "GaveUpAtUtc" IS NULL')" = 0 ] \
    && [ "$(sql 'SELECT count(*) FROM "WatchedWebsites" w WHERE w."Active" AND NOT EXISTS (SELECT 1 FROM "WebsiteChecks" c WHERE c."WatchId" = w."Id")')" = 0 ] \
    && [ "$(sql 'SELECT count(*) FROM "WatchedWebsites"')" -gt 0 ] \
    && [ "$(sql 'SELECT count(*) FROM "FigureSnapshots"')" -gt 0 ] \
    && [ "$(sql "SELECT count(*) FROM \"ReminderLogs\" WHERE \"Key\" LIKE 'incident:%'")" -ge 3 ]
}
until settled || [ $((SECONDS - up)) -ge 30 ]; do sleep 0.5; done
sleep 1 # a round that started just now would show its duplicate within this second
ls "$T/a/mail" 2>/dev/null | sed 's/^[0-9]*-[0-9]*-//; s/\.eml$//' >"$T/mail-a"; ls "$T/b/mail" 2>/dev/null | sed 's/^[0-9]*-[0-9]*-//; s/\.eml$//' >"$T/mail-b"
sort "$T/mail-a" "$T/mail-b" >"$T/mail-files"
sql "SELECT replace(\"Id\"::text, '-', '') FROM \"OutboxMails\" WHERE \"SentAtUtc\" IS NOT NULL ORDER BY 1" >"$T/mail-sent"
queued=$(sql 'SELECT count(*) FROM "OutboxMails"')
if [ -s "$T/mail-sent" ] && [ "$queued" = "$(wc -l <"$T/mail-sent")" ] && [ -z "$(uniq -d "$T/mail-files")" ] && cmp -s "$T/mail-files" "$T/mail-sent"; then
  verdict "mail: $queued queued mails, each written once ($(wc -l <"$T/mail-a") by A, $(wc -l <"$T/mail-b") by B)" ok
else
  echo "  queued $queued, sent $(wc -l <"$T/mail-sent"), files $(wc -l <"$T/mail-files") (duplicates: $(uniq -d "$T/mail-files" | wc -l))"
  verdict "mail: every queued mail written once" fail
fi
reminders=$(sql "SELECT count(*) FROM \"ReminderLogs\" WHERE \"Key\" LIKE 'incident:%'")
late=$(sql "SELECT count(*) FROM \"Notifications\" WHERE \"Text\" LIKE '%đã quá hạn%'")
doubled=$(sql 'SELECT count(*) FROM (SELECT 1 FROM "Notifications" GROUP BY "UserId", "Kind", "Link", "Text" HAVING count(*) > 1) d')
if [ "$reminders" -ge 3 ] && [ "$late" -gt 0 ] && [ "$doubled" = 0 ]; then
  verdict "reminders: $reminders incident reminders, $late notifications, none twice" ok
else
  echo "  reminder keys $reminders, late notifications $late, notifications twice $doubled"; verdict "reminders: each once" fail
fi
watched=$(sql 'SELECT count(*) FROM "WatchedWebsites" WHERE "Active"')
checks=$(sql 'SELECT count(*) FROM "WebsiteChecks"')
not_once=$(sql 'SELECT count(*) FROM "WatchedWebsites" w WHERE w."Active" AND (SELECT count(*) FROM "WebsiteChecks" c WHERE c."WatchId" = w."Id") <> 1')
if [ "$watched" -gt 0 ] && [ "$not_once" = 0 ] && [ "$checks" = "$watched" ]; then
  verdict "website checks: $watched watched sites, $checks checks, one each" ok
else
  echo "  watched $watched, checks $checks, sites not checked exactly once $not_once"; verdict "website checks: one per site" fail
fi
read -r rows agencies days <<<"$(sql 'SELECT count(*), count(DISTINCT "AgencyId"), count(DISTINCT "Day") FROM "FigureSnapshots"' | tr '|' ' ')"
figures_by=$(grep -l 'Wrote the figures of' "$OUT/portal-A.log" "$OUT/portal-B.log" 2>/dev/null | sed 's/.*portal-\(.\)\.log/\1/' | tr '\n' ' ')
if [ "$rows" -gt 0 ] && [ "$rows" = "$agencies" ] && [ "$days" = 1 ] && [ "$(echo "$figures_by" | wc -w)" = 1 ]; then
  verdict "daily figures: $rows rows for today, one per agency, written by ${figures_by% } alone" ok
else
  echo "  rows $rows, agencies $agencies, days $days, written by: ${figures_by:-nobody}"; verdict "daily figures: one row per agency and day" fail
fi
echo "  background work settled $((SECONDS - started)) s after the start"

# 8. A is killed (kill -9) in the middle of a request: a report it is still receiving through door A (sent slowly, with nginx
# passing the body on as it comes), while two clients report incidents through the site, one after the other each. The
# kill comes once four of theirs are acknowledged. Every acknowledged report must be in the database; the slow one must
# fail and leave nothing; a request of the two clients A was answering may fail too (nginx does not resend a POST that
# reached an instance: at most one per client); every later request is served by B.
writer() { # N: 8 reports, each line «code id»
  local i answer
  for i in 1 2 3 4 5 6 7 8; do
    if incident_form "$HTTPS" "$T/w$1-$i.html"; then answer=$(incident_post "$HTTPS" "$T/w$1-$i.html" "Sự cố khi dừng A $1-$i"); else answer="form"; fi
    echo "${answer%% *} $(acknowledged "$answer")" >>"$T/writer-$1"
  done
}
head -c 600000 /dev/zero | tr '\0' x >"$T/pad" # 15 s at 40 kB/s (nginx's default body limit is 1 MB)
incident_form "$VIA_A" "$T/slow.html"
slow_from=$SECONDS
incident_post "$VIA_A" "$T/slow.html" "Sự cố đang gửi khi dừng A" --limit-rate 40k --data-urlencode "Pad@$T/pad" >"$T/slow" & slow=$!
: >"$T/writer-1"; : >"$T/writer-2"
writer 1 & w1=$!; writer 2 & w2=$!
for _ in $(seq 1 200); do [ "$(cat "$T/writer-1" "$T/writer-2" | grep -c '^302 ')" -ge 4 ] && [ $((SECONDS - slow_from)) -ge 1 ] && break; sleep 0.1; done
kill -0 "$slow" 2>/dev/null && in_flight=yes || in_flight=no
kill -9 "$PID_A"; wait "$PID_A" 2>/dev/null; PID_A=""
wait "$w1" "$w2" "$slow"
cat "$T/writer-1" "$T/writer-2" >"$T/writes"
acked=$(grep -c '^302 [0-9a-f-]\{36\}$' "$T/writes"); lost=$(grep -vc '^302 [0-9a-f-]\{36\}$' "$T/writes")
ids=$(grep -o '[0-9a-f-]\{36\}$' "$T/writes" | sed "s/.*/'&'/" | paste -sd, -)
stored=$(sql "SELECT count(*) FROM \"Incidents\" WHERE \"Id\" IN (${ids:-NULL})")
slow_rows=$(sql "SELECT count(*) FROM \"Incidents\" WHERE \"Title\" = 'Sự cố đang gửi khi dừng A'")
# Once a client has met the kill (its first refused report), every later report of it must be acknowledged (by B).
# Counting from that first refusal, not from a fixed position: one client may be ahead of the other when A dies.
late_refused=$(for w in 1 2; do awk 'seen && $1 != "302" { n++ } $1 != "302" { seen = 1 } END { print n + 0 }' "$T/writer-$w"; done | awk '{ s += $1 } END { print s + 0 }')
: >"$T/codes"
for _ in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $PORTAL_COOKIE" "$HTTPS/Incidents" >>"$T/codes"; done
echo "  the slow report: in flight at the kill: $in_flight, answer $(cut -d' ' -f1 "$T/slow"), rows $slow_rows;" \
  "16 reports: $acked acknowledged, $lost not ($(grep -v '^302 [0-9a-f-]\{36\}$' "$T/writes" | cut -d' ' -f1 | tr '\n' ' ')), $stored of the acknowledged stored;" \
  "8 pages after: $(sort "$T/codes" | uniq -c | tr -s ' ' | tr '\n' ' ')"
if [ "$in_flight" = yes ] && [ "$(cut -d' ' -f1 "$T/slow")" != 302 ] && [ "$slow_rows" = 0 ] \
   && [ "$acked" -gt 0 ] && [ "$stored" = "$acked" ] && [ "$lost" -le 2 ] && [ "$late_refused" = 0 ] && [ "$(grep -c '^200$' "$T/codes")" = 8 ] \
   && kill -0 "$PID_B" 2>/dev/null; then
  verdict "kill -9 of A mid-request: its unfinished report left nothing, all $acked acknowledged reports stored, B serves every later request" ok
else
  verdict "kill -9 of A mid-request: no acknowledged write lost, B keeps serving" fail
fi
echo "  $SECONDS s in all"
done_line
