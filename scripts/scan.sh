#!/usr/bin/env bash
# Security scanners against the real portal on loopback (issue 8 item 6), part of ./test.sh.
#   wapiti 3 with an explicit module list, signed in as the demo agency officer;
#   sqlmap on the search and filter parameters of the main lists, signed in the same way.
# A finding counts unless tests/scan-allowlist.tsv lists it (module, text of the finding, reviewed reason).
# Only 127.0.0.1 is ever a target; wapiti's bug reports (which would go to the Internet) are off.
# Usage: scripts/scan.sh OUT_DIR   (needs the Release build; prints "scan: N passed, N failed" last)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/test}/scan"
rm -rf "$OUT" && mkdir -p "$OUT"
# shellcheck source=portal-test-lib.sh
. scripts/portal-test-lib.sh

BASE="http://127.0.0.1:$(free_port 18000 19999)"
DATA=$(mktemp -d /tmp/securityportal-scan.XXXXXX)
# A throw-away portal over plain HTTP (cookies without Secure), the login limit out of the scanners' way.
start_portal "$BASE" "$DATA" "$OUT/portal.log" ASPNETCORE_ENVIRONMENT=Testing Security__SecureCookiesOnly=false RateLimits__LoginPerMinute=100000 RateLimits__UploadsPerMinute=100000 RateLimits__ExportsPerMinute=100000 RateLimits__WebsiteChecksPerMinute=100000
cleanup() { kill "$PORTAL_PID" 2>/dev/null; wait "$PORTAL_PID" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT
wait_ready "$BASE/health/ready" || { tail -n 30 "$OUT/portal.log"; verdict "portal started" fail; echo "scan: $passed passed, $failed failed"; exit 1; }

# shellcheck source=portal-sign-in.sh
. scripts/portal-sign-in.sh
signed=fail
portal_sign_in "$BASE" canbo.syt@songlam.demo 'ThuNghiem@2026!' "$DATA/cookies.txt" && signed=ok
COOKIE=$PORTAL_COOKIE
if [ "$signed" = ok ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/Systems")" = 200 ]; then verdict "signed in as the demo officer" ok; else verdict "signed in as the demo officer" fail; fi

# wapiti: pages reachable by the officer, except the sign-out: sessions live on the server, so the crawler's own sign-out
# would end the session it scans with (wapiti 3.0.4's -x needs scripts/wapiti-excluding.py on Python 3.11).
echo "== wapiti $(wapiti --version 2>/dev/null | head -n 1)"
WAPITI_PYTHON=$(head -n 1 "$(command -v wapiti)" | sed 's/^#!//')
timeout 900 "$WAPITI_PYTHON" scripts/wapiti-excluding.py -u "$BASE/" --scope folder --flush-session --no-bugreport -v 0 \
  -x "$BASE/Account/Logout*" -x "$BASE/Account/Manage/Sessions*" \
  -m "xss,permanentxss,sql,blindsql,exec,file,redirect,crlf,csrf,methods,cookieflags,http_headers,csp,backup,htaccess,xxe" \
  -H "Cookie: $COOKIE" \
  -d 3 --max-links-per-page 40 --max-scan-time 420 --max-attack-time 30 --max-parameters 12 \
  -f json -o "$OUT/wapiti.json" >"$OUT/wapiti.log" 2>&1
python3 - "$OUT/wapiti.json" tests/scan-allowlist.tsv >"$OUT/wapiti-findings.txt" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
allow = []
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        module, text, reason = line.rstrip("\n").split("\t")
        allow.append((module, text, reason))
for section in ("vulnerabilities", "anomalies"):
    for category, items in report.get(section, {}).items():
        for item in items:
            text = f"{item.get('info', '')} {item.get('method', '')} {item.get('path', '')}"
            reason = next((r for m, t, r in allow if m == category and t in text), None)
            print(("ALLOWED " if reason else "FINDING ") + f"[{section}] {category}: {text.strip()}" + (f"  -- {reason}" if reason else ""))
PY
sed 's/^/  /' "$OUT/wapiti-findings.txt" | head -n 60
# Pages the scan really reached signed in: distinct paths the portal answered 200 to a GET.
crawled=$(grep -oE 'HTTP GET [^ ?]+ responded 200' "$OUT/portal.log" | sort -u | wc -l)
if [ -s "$OUT/wapiti.json" ] && [ "${crawled:-0}" -ge 10 ]; then verdict "wapiti crawled $crawled pages signed in" ok; else verdict "wapiti crawled ${crawled:-0} pages signed in" fail; fi
if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/Systems")" = 200 ]; then verdict "the session outlived the wapiti scan" ok; else verdict "the session outlived the wapiti scan" fail; fi
if grep -q '^FINDING' "$OUT/wapiti-findings.txt"; then verdict "wapiti: no unreviewed finding" fail; else verdict "wapiti: no unreviewed finding" ok; fi

# sqlmap on the search and filter parameters of the lists an officer uses.
echo "== sqlmap $(sqlmap --version 2>/dev/null | tail -n 1)"
for target in "/Systems?q=cong&kind=Internal&trang=1" "/Websites?q=cong&health=Green" "/Tasks?view=agency&status=New&severity=High" "/Assessments?cycle=2026"; do
  name=$(echo "$target" | tr -c 'A-Za-z0-9' '_')
  # --text-only: pages are compared by their visible text. Every page carries fresh form keys and antiforgery tokens in
  # hidden fields, so the raw HTML of two identical requests differs, and on such "unstable" content sqlmap once took an
  # «ORDER BY» difference for a usable UNION technique and spent its 300 s guessing 459 columns (a false positive that
  # never finished).
  timeout 300 sqlmap -u "$BASE$target" --cookie="$COOKIE" --batch --level 1 --risk 1 --dbms=SQLite --time-sec 2 --text-only \
    --output-dir "$OUT/sqlmap" --disable-coloring --answers="follow=N" >"$OUT/sqlmap-$name.log" 2>&1
  # sqlmap's own conclusion counts (its heuristics may flag a parameter on the way and then prove it a false positive).
  if grep -q "got a 30[0-9] redirect" "$OUT/sqlmap-$name.log"; then
    verdict "sqlmap $target: the session was not accepted" fail
  elif grep -qiE "identified the following injection point|is vulnerable" "$OUT/sqlmap-$name.log"; then
    verdict "sqlmap $target: injectable" fail
  elif grep -q "all tested parameters do not appear to be injectable" "$OUT/sqlmap-$name.log"; then
    verdict "sqlmap $target: no injection" ok
  else
    tail -n 5 "$OUT/sqlmap-$name.log"; verdict "sqlmap $target: did not finish" fail
  fi
done
echo "scan: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
