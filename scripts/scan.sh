#!/usr/bin/env bash
# Security scanners against the real portal on loopback (issue 8 item 6), part of ./test.sh.
#   wapiti 3 with an explicit module list, signed in as the demo agency officer, then the reviewer, then the administrator;
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
# A throw-away portal over plain HTTP (cookies without Secure), the login limit out of the scanners' way, and no
# authenticator to enrol first for the reviewer and the administrator (curl signs in with the password alone).
start_portal "$BASE" "$DATA" "$OUT/portal.log" ASPNETCORE_ENVIRONMENT=Testing Security__SecureCookiesOnly=false RateLimits__LoginPerMinute=100000 RateLimits__UploadsPerMinute=100000 RateLimits__ExportsPerMinute=100000 RateLimits__WebsiteChecksPerMinute=100000 \
  Security__EnforceTwoFactorForRoles=false
cleanup() { kill "$PORTAL_PID" 2>/dev/null; wait "$PORTAL_PID" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT
wait_ready "$BASE/health/ready" || { tail -n 30 "$OUT/portal.log"; verdict "portal started" fail; echo "scan: $passed passed, $failed failed"; exit 1; }

# shellcheck source=portal-sign-in.sh
. scripts/portal-sign-in.sh
echo "== wapiti $(wapiti --version 2>/dev/null | head -n 1)"
WAPITI_PYTHON=$(head -n 1 "$(command -v wapiti)" | sed 's/^#!//')

# scan_as ROLE EMAIL SECONDS [-x PATTERN…]: signs in as EMAIL, then wapiti crawls and attacks the pages that account reaches
# for at most SECONDS, never the forms that would end the session it scans with (sign-out, the own sessions page, and the
# extra patterns: sessions live on the server); wapiti 3.0.4's -x needs scripts/wapiti-excluding.py on Python 3.11.
# The roles share the lane's time: each gets a part of what one scan had, not the whole.
scan_as() {
  local role=$1 email=$2 seconds=$3 cookie signed=fail before crawled; shift 3
  portal_sign_in "$BASE" "$email" 'ThuNghiem@2026!' "$DATA/cookies-$role.txt" && signed=ok
  cookie=$PORTAL_COOKIE
  if [ "$signed" = ok ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE/Account/Manage")" = 200 ]; then verdict "signed in as the demo $role" ok; else verdict "signed in as the demo $role" fail; fi
  before=$(wc -l <"$OUT/portal.log")
  timeout 600 "$WAPITI_PYTHON" scripts/wapiti-excluding.py -u "$BASE/" --scope folder --flush-session --no-bugreport -v 0 \
    -x "$BASE/Account/Logout*" -x "$BASE/Account/Manage/Sessions*" "$@" \
    -m "${WAPITI_MODULES:-xss,permanentxss,sql,blindsql,exec,file,redirect,crlf,csrf,methods,cookieflags,http_headers,csp,backup,htaccess,xxe}" \
    -H "Cookie: $cookie" \
    -d 3 --max-links-per-page 40 --max-scan-time "$seconds" --max-attack-time "${WAPITI_ATTACK_SECONDS:-20}" --max-parameters 12 \
    -f json -o "$OUT/wapiti-$role.json" >"$OUT/wapiti-$role.log" 2>&1
  python3 - "$OUT/wapiti-$role.json" tests/scan-allowlist.tsv >"$OUT/wapiti-findings-$role.txt" <<'PY'
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
  sed 's/^/  /' "$OUT/wapiti-findings-$role.txt" | head -n 40
  # Pages this scan really reached signed in: distinct paths the portal answered 200 to a GET since it began.
  crawled=$(tail -n +"$((before + 1))" "$OUT/portal.log" | grep -oE 'HTTP GET [^ ?]+ responded 200' | sort -u | wc -l)
  if [ -s "$OUT/wapiti-$role.json" ] && [ "${crawled:-0}" -ge 10 ]; then verdict "wapiti as the $role crawled $crawled pages signed in" ok; else verdict "wapiti as the $role crawled ${crawled:-0} pages signed in" fail; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE/Account/Manage")" = 200 ]; then verdict "the $role's session outlived the wapiti scan" ok; else verdict "the $role's session outlived the wapiti scan" fail; fi
  if grep -q '^FINDING' "$OUT/wapiti-findings-$role.txt"; then verdict "wapiti as the $role: no unreviewed finding" fail; else verdict "wapiti as the $role: no unreviewed finding" ok; fi
  [ "$role" = officer ] && COOKIE=$cookie
  return 0
}

# The officer first (the most pages of an agency), and sqlmap with the officer's session below; then the reviewer (every
# agency's records, the review decisions) and last the administrator (users, mail, calendar, trust anchors), whose forms
# that reset another account's password or end sessions are left out: ending everyone's sessions would end the scan's own.
# The administrator goes last because its crawl edits accounts (a role changed ends that person's sessions).
scan_as officer canbo.syt@songlam.demo 140

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
# The reviewer and the administrator reach far more pages (about 270 each against the officer's 40): their attack phases get
# 12 s a module, and the site-wide checks (headers, cookies, CSP, methods, backup files), already made as the officer, are
# left out, so the three roles fit the lane.
ROLE_MODULES=xss,permanentxss,sql,blindsql,exec,file,redirect,crlf,csrf,xxe
WAPITI_MODULES=$ROLE_MODULES WAPITI_ATTACK_SECONDS=12 scan_as reviewer thamdinh@songlam.demo 70
WAPITI_MODULES=$ROLE_MODULES WAPITI_ATTACK_SECONDS=12 scan_as administrator quantri@songlam.demo 70 -x "$BASE/Admin/Users*handler=*"
echo "scan: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
