#!/usr/bin/env bash
# The portal behind nginx, end to end (issue 19), part of ./test.sh: the released portal in Production over plain HTTP on
# loopback, trusting 127.0.0.1 as its proxy, and Debian's nginx in front of it running deploy/nginx/securityportal.conf
# itself — its ports, name and certificate (a throw-away self-signed one) changed — then checked with curl.
# Only 127.0.0.x is ever used: the clients of the per-client rate limit are 127.0.0.2 and 127.0.0.3 (curl --interface).
# Usage: scripts/proxy-check.sh OUT_DIR   (needs the Release build and nginx; prints "proxy: N passed, N failed" last)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/test}/proxy"
rm -rf "$OUT" && mkdir -p "$OUT"
# shellcheck source=portal-test-lib.sh
. scripts/portal-test-lib.sh
# shellcheck source=portal-sign-in.sh
. scripts/portal-sign-in.sh
# shellcheck source=nginx-test-lib.sh
. scripts/nginx-test-lib.sh
done_line() { echo "proxy: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

NAME=portal.test
LIMIT=4 # sign-in requests a minute per client
MAX_BYTES=104857600 # the highest Files:MaxBytes; an upload page's request may be 64 KiB more (UploadLimitAttribute)
[ -x "$NGINX" ] || { verdict "nginx is installed (./test.sh installs Debian's package)" fail; done_line; }
T=$(mktemp -d /tmp/securityportal-proxy.XXXXXX)
chmod 0711 "$T"
mkdir -p "$T/portal"
PORTAL_PORT=$(free_port 10000 11999); TLS_PORT=$(free_port 12000 12999); HTTP_PORT=$(free_port 13000 13999)
HTTPS="https://$NAME:$TLS_PORT"

cleanup() {
  nginx_stop
  [ -n "${PORTAL_PID:-}" ] && { kill "$PORTAL_PID" 2>/dev/null; wait "$PORTAL_PID" 2>/dev/null; }
  sleep 0.2; rm -rf "$T"
}
trap cleanup EXIT

# The reference site file with this run's ports, name and certificate; every substitution must have happened.
if nginx_configure "" -- "$PORTAL_PORT" >"$OUT/nginx-t.log" 2>&1; then
  verdict "nginx accepts deploy/nginx/securityportal.conf (127.0.0.1:$TLS_PORT https, :$HTTP_PORT http → portal :$PORTAL_PORT)" ok
else
  cat "$OUT/nginx-t.log"; verdict "nginx accepts deploy/nginx/securityportal.conf" fail; done_line
fi
cp "$T/nginx/site.conf" "$OUT/site.conf"

# The released portal in Production: the demo province (allowed explicitly: a throw-away portal), a SQLite file, nginx on
# 127.0.0.1 as its only trusted proxy. The officer signs in with the password alone (the check is about the proxy, not the
# second factor), so two-factor is required of the listed roles only, as a phased deployment would.
start_portal "http://127.0.0.1:$PORTAL_PORT" "$T/portal" "$OUT/portal.log" ASPNETCORE_ENVIRONMENT=Production \
  Seed__AllowDemoInProduction=true Security__TwoFactorForEveryRole=false \
  ReverseProxy__KnownProxies__0=127.0.0.1 RateLimits__LoginPerMinute=$LIMIT Files__MaxBytes=$MAX_BYTES
nginx_start
nginx_client "$TLS_PORT" "$HTTP_PORT"
if wait_ready "$HTTPS/health/ready"; then verdict "the portal answers through nginx (/health/ready over https)" ok
else tail -n 30 "$OUT/portal.log"; cat "$T/nginx/error.log" 2>/dev/null | tail -n 5; verdict "the portal answers through nginx" fail; done_line; fi

# The sign-in page over https: HTTP/2, every cookie Secure, and each security header once (nginx adds none).
result=$(curl -s --http2 -D "$OUT/login.headers" -o "$OUT/login.html" -w '%{http_code} %{http_version}' "$HTTPS/Account/Login")
once() { [ "$(grep -ci "^$1:" "$OUT/login.headers")" = 1 ]; }
if [ "$result" = "200 2" ] && grep -qi '^set-cookie: __Host-SecurityPortal.Antiforgery=.*secure' "$OUT/login.headers" \
   && [ "$(grep -i '^set-cookie:' "$OUT/login.headers" | grep -vic 'secure')" = 0 ] \
   && once strict-transport-security && once content-security-policy && once x-content-type-options && once x-frame-options; then
  verdict "sign-in page over https: 200 on HTTP/2, Secure __Host- cookies, HSTS and CSP once" ok
else
  echo "  $result"; cat "$OUT/login.headers"; verdict "sign-in page over https: 200 on HTTP/2, Secure cookies, headers once" fail
fi

result=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://$NAME:$HTTP_PORT/Account/Login")
if [ "$result" = "301 https://$NAME/Account/Login" ]; then verdict "plain http to nginx: 301 to https" ok; else echo "  $result"; verdict "plain http to nginx: 301 to https" fail; fi

# The form round trip with antiforgery: sign in as the demo officer, then the home page.
if portal_sign_in "$HTTPS" canbo.syt@songlam.demo 'ThuNghiem@2026!' "$T/jar" \
   && [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $PORTAL_COOKIE" "$HTTPS/")" = 200 ]; then
  verdict "sign-in form with antiforgery through nginx: 302, then the officer's home 200" ok
else
  verdict "sign-in form with antiforgery through nginx" fail
fi

# The sign-in limit counts per client, as nginx forwarded it: 127.0.0.2 is refused after $LIMIT, 127.0.0.3 is not.
codes=""
for _ in $(seq 0 "$LIMIT"); do codes="$codes $(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "$HTTPS/Account/Login")"; done
other=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.3 "$HTTPS/Account/Login")
expected=" $(printf '200 %.0s' $(seq 1 "$LIMIT"))429"
if [ "$codes" = "$expected" ] && [ "$other" = 200 ] && grep -q "responded 429 .* from 127.0.0.2" "$OUT/portal.log"; then
  verdict "sign-in limit per forwarded client: 127.0.0.2 refused after $LIMIT, 127.0.0.3 served; the log names 127.0.0.2" ok
else
  echo "  127.0.0.2:$codes, 127.0.0.3: $other"; verdict "sign-in limit per forwarded client" fail
fi

# An upload near the largest request: a dossier of the officer's first system, then a 100 MB PDF (the highest Files:MaxBytes less 4 KiB).
field() { grep -o "name=\"$1\"[^>]*value=\"[^\"]*\"" "$2" | head -n 1 | sed 's/.*value="//; s/"$//'; }
get() { curl -s -H "Cookie: $PORTAL_COOKIE" -o "$2" "$HTTPS$1"; }
uploaded=fail
get /Systems "$T/systems.html"
system=$(grep -oE '/Systems/Details/[0-9a-f-]{36}' "$T/systems.html" | head -n 1 | sed 's#.*/##')
get "/Dossiers/Create?systemId=$system" "$T/create.html"
dossier=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: $PORTAL_COOKIE" "$HTTPS/Dossiers/Create?systemId=$system" \
  --data-urlencode "__RequestVerificationToken=$(field __RequestVerificationToken "$T/create.html")" \
  --data-urlencode "__SubmissionKey=$(field __SubmissionKey "$T/create.html")" | grep -oE '[0-9a-f-]{36}' | head -n 1)
if [ -n "$dossier" ]; then
  get "/Dossiers/Attach/$dossier" "$T/attach.html"
  kind=$(grep -o '<option value="[^"]*"' "$T/attach.html" | head -n 1 | sed 's/.*value="//; s/"$//')
  size=$((MAX_BYTES - 4096))
  { printf '%%PDF-1.7\n'; head -c $((size - 9)) /dev/zero; } >"$T/large.pdf"
  start=$SECONDS
  result=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: $PORTAL_COOKIE" "$HTTPS/Dossiers/Attach/$dossier" \
    -F "__RequestVerificationToken=$(field __RequestVerificationToken "$T/attach.html")" \
    -F "__SubmissionKey=$(field __SubmissionKey "$T/attach.html")" -F "ConcurrencyStamp=$(field ConcurrencyStamp "$T/attach.html")" \
    -F "Kind=$kind" -F "Upload=@$T/large.pdf;type=application/pdf")
  rm -f "$T/large.pdf"
  stored=$(find "$T/portal/files" -type f -size "${size}c" -not -path "$T/portal/files/tmp/*" | wc -l)
  echo "  upload of $size bytes: $result in $((SECONDS - start)) s, $stored stored file(s) of that size"
  [[ "$result" == "302 https://$NAME:$TLS_PORT/Dossiers/Details/$dossier"* ]] && [ "$stored" = 1 ] && uploaded=ok
else
  echo "  no dossier created for system «$system»"
fi
verdict "a 100 MB upload passes nginx and is stored (302 to the dossier)" "$uploaded"

# The portal's own port, plain HTTP, no forwarded «https»: the explanatory page, not a 500; health checks still answer.
result=$(curl -s -o "$OUT/plain.html" -w '%{http_code}' "http://127.0.0.1:$PORTAL_PORT/Account/Login")
live=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORTAL_PORT/health/live")
if [ "$result" = 421 ] && grep -q 'Cổng thông tin chỉ làm việc qua HTTPS' "$OUT/plain.html" && [ "$live" = 200 ]; then
  verdict "Production over plain HTTP: the bilingual page naming ReverseProxy:KnownProxies (421); /health/live 200" ok
else
  echo "  $result, /health/live $live"; verdict "Production over plain HTTP: the explanatory page; /health/live 200" fail
fi
cp "$T/nginx/error.log" "$OUT/nginx-error.log" 2>/dev/null
done_line
