# Sourced by bench/dashboard.sh and scripts/scan.sh: signs in through the login form with curl.
#   portal_sign_in BASE_URL EMAIL PASSWORD JAR_FILE
# On success sets PORTAL_COOKIE to a Cookie header value and returns 0; returns 1 when the form did not redirect.
portal_sign_in() {
  local base=$1 email=$2 password=$3 jar=$4 token status
  rm -f "$jar"
  token=$(curl -s -c "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  status=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' "$base/Account/Login" --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token")
  PORTAL_COOKIE=$(awk 'BEGIN{ORS="; "} /^#HttpOnly_/ {sub("#HttpOnly_",""); print $6"="$7; next} !/^#/ && NF>=7 {print $6"="$7}' "$jar")
  [ "$status" = 302 ]
}
