#!/usr/bin/env bash
# Reproduces the table of docs/BENCHMARKS.md: a Release build, a fresh server pinned to CPU 0 for every
# run, the load generator pinned to CPU 1, three runs of each workload (RUNS=n to change). Prints each
# run's JSON line. The server keeps nothing on disk (--Chat:Database=), except with --store: the two
# fanout workloads with the store off and then on (a fresh database each run), tagged +store.
# With "websocket" as its argument it runs only the line-protocol-against-WebSocket comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/ActorChat.Server -c Release -v quiet >/dev/null
dotnet build src/ActorChat.Bench -c Release -v quiet >/dev/null
server=src/ActorChat.Server/bin/Release/net10.0/actorchat-server
bench=src/ActorChat.Bench/bin/Release/net10.0/actorchat-bench
port=${PORT:-9999}

runs=${RUNS:-3}
store=(--Chat:Database=)
tag=""

run() {
  for _ in $(seq "$runs"); do
    out=$(mktemp)
    data=$(mktemp -d)
    taskset -c 0 "$server" --port "$port" --udp-port -1 --http-port -1 --tls-port -1 --Chat:FloodLinesPerSecond=0 \
      --Chat:MaxConnectionsPerAddress=0 --Chat:MaxNewConnectionsPerAddressPerMinute=0 \
      --Chat:DataDirectory="$data/data" "${store[@]}" >"$out" 2>/dev/null &
    pid=$!
    until grep -q listening "$out"; do sleep 0.1; done
    taskset -c 1 "$bench" "$@" --port "$port" --pid "$pid" | grep '^JSON' | sed "s/^JSON /$1$tag /"
    kill -TERM "$pid"; wait "$pid" || true
    rm -rf "$out" "$data"
  done
}

# "websocket": the web front end against the line protocol, in one run: one server, fanout-1room over
# TCP lines, then the same over /ws; prints both JSON lines and the ratio of deliveries/s.
compare_websocket() {
  out=$(mktemp)
  taskset -c 0 "$server" --port 0 --udp-port -1 --http-port 0 --tls-port -1 --Chat:Database= --bind 127.0.0.1 --Chat:FloodLinesPerSecond=0 \
    --Chat:MaxConnectionsPerAddress=0 --Chat:MaxNewConnectionsPerAddressPerMinute=0 >"$out" 2>/dev/null &
  pid=$!
  until grep -q '^listening' "$out"; do sleep 0.1; done
  tcp=$(grep -o 'tcp=[0-9.:]*' "$out" | cut -d: -f2)
  http=$(grep -o 'http=[0-9.:]*' "$out" | cut -d: -f2)
  workload=(fanout --rooms 1 --clients 100 --messages 200 --size 64 --window 4 --pid "$pid")
  line=$(taskset -c 1 "$bench" "${workload[@]}" --port "$tcp" | grep '^JSON' | sed 's/^JSON //')
  ws=$(taskset -c 1 "$bench" "${workload[@]}" --transport ws --http-port "$http" | grep '^JSON' | sed 's/^JSON //')
  kill -TERM "$pid"; wait "$pid" || true
  rm -f "$out"
  echo "line $line"
  echo "ws   $ws"
  rate() { grep -o '"DeliveriesPerSecond":[0-9.]*' <<<"$1" | cut -d: -f2; }
  awk -v l="$(rate "$line")" -v w="$(rate "$ws")" 'BEGIN { printf "ws/line deliveries/s: %.0f / %.0f = %.2f\n", w, l, w / l }'
}
if [ "${1:-}" = websocket ]; then
  compare_websocket
  exit 0
fi

fanouts() {
  run fanout --rooms 1 --clients 100 --messages 200 --size 64 --window 4
  run fanout --rooms 100 --clients 10 --messages 500 --size 64 --window 4
}

if [ "${1:-}" = "--store" ]; then
  fanouts
  store=(--Chat:Database=actorchat.db)
  tag="+store"
  fanouts
  exit 0
fi

fanouts
run latency --rooms 1 --clients 50 --rate 2000 --seconds 20
run idle --connections 10000 --clients 100
run idle --connections 19000 --clients 100
