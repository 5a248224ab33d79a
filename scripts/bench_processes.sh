# Sourced first by the benchmark scripts: a temporary folder ($tmp) and the servers they start
# (their pids in $pids), both removed when the script exits, and how they start lk-mock-server
# ($mock, set by the caller) and wait for a server's ready line. Everything binds 127.0.0.1.

tmp=$(mktemp -d)
pids=()
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap bench_cleanup EXIT

# wait_line FILE PATTERN: waits (10 s at most) for PATTERN in FILE; fails with FILE shown.
wait_line() {
  for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "$(basename "$0"): no '$2' in $1" >&2
  cat "$1" >&2 2>/dev/null || true
  return 1
}

# start_mock NAME ARGS...: starts lk-mock-server with ARGS (which include --ports), its output
# in $tmp/NAME.out; once every region is ready sets mock_ports (the region ports in order).
start_mock() {
  local name=$1
  shift
  "$mock" --bind 127.0.0.1 "$@" >"$tmp/$name.out" 2>/dev/null &
  pids+=($!)
  local last
  last=$(grep -o -- '--ports [0-9,]*' <<<"$*" | tr -cd ',' | wc -c)
  wait_line "$tmp/$name.out" "region-$last ready on "
  mock_ports=()
  for i in $(seq 0 "$last"); do
    mock_ports+=("$(sed -n "s/.*region-$i ready on [^:]*:\([0-9]*\).*/\1/p" "$tmp/$name.out" | head -1)")
  done
}

# free_ports N: prints N distinct loopback ports that were free a moment ago.
free_ports() {
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
      console.log(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });' "$1"
}
