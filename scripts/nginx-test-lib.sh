# Sourced by scripts/proxy-check.sh and scripts/instances-check.sh: Debian's nginx on loopback running the reference site
# file deploy/nginx/securityportal.conf itself, with this run's ports, name and a throw-away certificate. The caller sets
# T (its temporary folder; nginx's files go to $T/nginx), NAME, TLS_PORT and HTTP_PORT, and runs from the repository's root.

NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# nginx runs as www-data when the script runs as root (its workers must not be root), else as the caller.
as_nginx() { if [ "$(id -u)" = 0 ]; then runuser -u www-data -- "$@"; else "$@"; fi; }

# nginx_configure [HTTP_BLOCK_TEXT] -- UPSTREAM_PORT…: a certificate for NAME, $T/nginx/site.conf (the reference file with
# one upstream «server» line per port, every substitution counted), nginx.conf around it (its own pid, logs and
# temporary folders; the access log names the upstream that answered; HTTP_BLOCK_TEXT added inside «http»), then nginx -t.
# Says what is wrong and returns 1 when anything is.
nginx_configure() {
  local extra=$1 servers="" port expected ok=0
  shift 2
  mkdir -p "$T/nginx"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "/CN=$NAME" \
    -addext "subjectAltName=DNS:$NAME" -keyout "$T/nginx/key.pem" -out "$T/nginx/cert.pem" >"$T/nginx/openssl.log" 2>&1 \
    || { cat "$T/nginx/openssl.log"; return 1; }
  for port in "$@"; do servers="${servers:+$servers\\n    }server 127.0.0.1:$port;"; done
  sed -e '/^ *#/d' -e "/listen \[::\]/d" \
      -e "s/listen 80;/listen 127.0.0.1:$HTTP_PORT;/" \
      -e "s/listen 443 ssl/listen 127.0.0.1:$TLS_PORT ssl/" \
      -e "s/server 127\.0\.0\.1:5000;/$servers/" \
      -e "s/portal\.tinh\.gov\.vn/$NAME/" \
      -e "s#/etc/ssl/securityportal/fullchain.pem#$T/nginx/cert.pem#" \
      -e "s#/etc/ssl/securityportal/privkey.pem#$T/nginx/key.pem#" \
      deploy/nginx/securityportal.conf >"$T/nginx/site.conf"
  local wanted=("listen 127.0.0.1:$HTTP_PORT;:1" "listen 127.0.0.1:$TLS_PORT ssl:2" "server_name $NAME;:2" "$T/nginx/cert.pem;:1" "$T/nginx/key.pem;:1")
  for port in "$@"; do wanted+=("server 127.0.0.1:$port;:1"); done
  for expected in "${wanted[@]}"; do
    [ "$(grep -cF "${expected%:*}" "$T/nginx/site.conf")" = "${expected##*:}" ] || { echo "  site file: expected ${expected##*:} × «${expected%:*}»"; ok=1; }
  done
  grep -qE 'listen (80|443)|\[::\]|/etc/ssl|:5000;' "$T/nginx/site.conf" && { echo "  site file: a listen, port or path was not replaced"; ok=1; }
  cat >"$T/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log warn;
events { worker_connections 256; }
http {
    log_format upstream '\$server_port \$status \$upstream_addr \$upstream_status \$request_method \$uri';
    access_log $T/nginx/access.log upstream;
    client_body_temp_path $T/nginx/client_body;
    proxy_temp_path $T/nginx/proxy;
    fastcgi_temp_path $T/nginx/fastcgi;
    uwsgi_temp_path $T/nginx/uwsgi;
    scgi_temp_path $T/nginx/scgi;
    include $T/nginx/site.conf;
$extra
}
EOF
  [ "$(id -u)" = 0 ] && chown -R www-data:www-data "$T/nginx"
  as_nginx "$NGINX" -t -q -p "$T/nginx" -e "$T/nginx/error.log" -c "$T/nginx/nginx.conf" || ok=1
  return $ok
}

nginx_start() { as_nginx "$NGINX" -p "$T/nginx" -e "$T/nginx/error.log" -c "$T/nginx/nginx.conf"; }
nginx_stop() { [ -f "$T/nginx/nginx.pid" ] && kill "$(cat "$T/nginx/nginx.pid")" 2>/dev/null; }

# nginx_client PORT…: every curl from here on resolves NAME to 127.0.0.1 on these ports and trusts only the throw-away certificate.
nginx_client() {
  local port
  export CURL_HOME="$T/curl"
  mkdir -p "$CURL_HOME"
  for port in "$@"; do echo "resolve = $NAME:$port:127.0.0.1"; done >"$CURL_HOME/.curlrc"
  echo "cacert = $T/nginx/cert.pem" >>"$CURL_HOME/.curlrc"
}
