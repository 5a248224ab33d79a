# Sourced by the API and failover benchmarks (scripts/bench_api.sh, scripts/bench_failover.sh):
# the HTTPS endpoints they measure besides plain HTTP, all on 127.0.0.1:
#   - HTTP/1.1 keep-alive over TLS: lk-mock-server's own TLS listener (--tls-cert/--tls-key);
#   - HTTP/2 over TLS: nghttpx (Debian's nghttp2-proxy) terminating TLS + HTTP/2 in front of
#     the plain-HTTP mock, one nghttpx per region, and the mock's region list naming them.
# Certificates: a throwaway CA and a certificate for 127.0.0.1 made with openssl in the
# caller's temporary folder. The Node SDK trusts the CA through NODE_EXTRA_CA_CERTS.
# Source scripts/bench_processes.sh first (tmp, pids, wait_line, start_mock, free_ports).

# tls_make_certs: writes $tmp/ca.pem, $tmp/server.pem, $tmp/server.key.
tls_make_certs() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj '/CN=LiveKit SDK bench CA' -keyout "$tmp/ca.key" -out "$tmp/ca.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' >"$tmp/server.ext"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 \
    -keyout "$tmp/server.key" -out "$tmp/server.csr" >/dev/null 2>&1
  openssl x509 -req -days 2 -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
    -extfile "$tmp/server.ext" -out "$tmp/server.pem" >/dev/null 2>&1
}

# tls_start_nghttpx NAME PORT BACKEND_PORT: nghttpx on 127.0.0.1:PORT (TLS, ALPN h2 and
# http/1.1) in front of 127.0.0.1:BACKEND_PORT; waits until it listens.
tls_start_nghttpx() {
  "$nghttpx" --conf=/dev/null --frontend="127.0.0.1,$2" --backend="127.0.0.1,$3" --workers=1 --no-ocsp \
    --errorlog-file="$tmp/$1.log" "$tmp/server.key" "$tmp/server.pem" >/dev/null 2>&1 &
  pids+=($!)
  wait_line "$tmp/$1.log" 'Created worker thread'
}

nghttpx=$(command -v nghttpx || true)
[[ -n $nghttpx ]] || [[ ! -x /usr/sbin/nghttpx ]] || nghttpx=/usr/sbin/nghttpx
