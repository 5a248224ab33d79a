# Sourced by the API and failover benchmarks (scripts/bench_api.sh, scripts/bench_failover.sh):
# the HTTPS endpoints they measure besides plain HTTP, all on 127.0.0.1:
#   - HTTP/1.1 keep-alive over TLS: lk-mock-server's own TLS listener (--tls-cert/--tls-key);
#   - HTTP/2 over TLS: nghttpx (Debian's nghttp2-proxy) terminating TLS + HTTP/2 in front of
#     the plain-HTTP mock, one nghttpx per region, and the mock's region list naming them.
# Certificates: a throwaway CA and a certificate for 127.0.0.1 made with openssl in the
# caller's temporary folder. The Node SDK trusts the CA through NODE_EXTRA_CA_CERTS.
# The caller defines `tmp` (a folder removed on exit) and `pids` (an array it kills on exit).

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

# tls_free_ports N: prints N distinct loopback ports that were free a moment ago.
tls_free_ports() {
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
      console.log(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });' "$1"
}

# tls_wait_line FILE PATTERN: waits (10 s at most) for PATTERN in FILE.
tls_wait_line() {
  for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "$(basename "$0"): no '$2' in $1" >&2
  cat "$1" >&2 2>/dev/null || true
  return 1
}

# tls_start_mock NAME ARGS...: starts lk-mock-server ($mock) with ARGS; sets mock_ports
# (region ports in order) and appends its pid to pids.
tls_start_mock() {
  local name=$1
  shift
  "$mock" --bind 127.0.0.1 "$@" >"$tmp/$name.out" 2>/dev/null &
  pids+=($!)
  local regions
  regions=$(grep -o -- '--ports [0-9,]*' <<<"$*" | tr -cd ',' | wc -c)
  tls_wait_line "$tmp/$name.out" "region-$regions ready on "
  mock_ports=()
  for i in $(seq 0 "$regions"); do
    mock_ports+=("$(sed -n "s/.*region-$i ready on [^:]*:\([0-9]*\).*/\1/p" "$tmp/$name.out" | head -1)")
  done
}

# tls_start_nghttpx NAME PORT BACKEND_PORT: nghttpx on 127.0.0.1:PORT (TLS, ALPN h2 and
# http/1.1) in front of 127.0.0.1:BACKEND_PORT; waits until it listens.
tls_start_nghttpx() {
  "$nghttpx" --conf=/dev/null --frontend="127.0.0.1,$2" --backend="127.0.0.1,$3" --workers=1 --no-ocsp \
    --errorlog-file="$tmp/$1.log" "$tmp/server.key" "$tmp/server.pem" >/dev/null 2>&1 &
  pids+=($!)
  tls_wait_line "$tmp/$1.log" 'Created worker thread'
}

nghttpx=$(command -v nghttpx || true)
[[ -n $nghttpx ]] || [[ ! -x /usr/sbin/nghttpx ]] || nghttpx=/usr/sbin/nghttpx
