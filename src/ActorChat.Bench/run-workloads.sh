#!/usr/bin/env bash
# Reproduces the table of docs/BENCHMARKS.md: a Release build, a fresh server pinned to CPU 0 for every
# run, the load generator pinned to CPU 1, three runs of each workload (RUNS=n to change). Prints each
# run's JSON line. The server keeps nothing on disk (--Chat:Database=), except with --store: the two
# fanout workloads with the store off and then on (a fresh database each run), tagged +store.
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
    taskset -c 0 "$server" --port "$port" --udp-port -1 --Chat:FloodLinesPerSecond=0 \
      --Chat:MaxConnectionsPerAddress=0 --Chat:MaxNewConnectionsPerAddressPerMinute=0 \
      --Chat:DataDirectory="$data/data" "${store[@]}" >"$out" 2>/dev/null &
    pid=$!
    until grep -q listening "$out"; do sleep 0.1; done
    taskset -c 1 "$bench" "$@" --port "$port" --pid "$pid" | grep '^JSON' | sed "s/^JSON /$1$tag /"
    kill -TERM "$pid"; wait "$pid" || true
    rm -rf "$out" "$data"
  done
}

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
