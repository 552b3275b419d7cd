#!/usr/bin/env bash
# The web front end against the line protocol, in one run: one Release server pinned to CPU 0, the
# load generator pinned to CPU 1, fanout-1room (1 room x 100 clients, 200 messages each, 64 B,
# window 4) over TCP lines, then the same over /ws. Prints both JSON lines and the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/ActorChat.Server -c Release -v quiet >/dev/null
dotnet build src/ActorChat.Bench -c Release -v quiet >/dev/null
server=src/ActorChat.Server/bin/Release/net10.0/actorchat-server
bench=src/ActorChat.Bench/bin/Release/net10.0/actorchat-bench

out=$(mktemp)
taskset -c 0 "$server" --port 0 --udp-port -1 --http-port 0 --bind 127.0.0.1 --Chat:FloodLinesPerSecond=0 \
  --Chat:MaxConnectionsPerAddress=0 --Chat:MaxNewConnectionsPerAddressPerMinute=0 >"$out" 2>/dev/null &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$out"' EXIT
until grep -q '^listening' "$out"; do sleep 0.1; done
tcp=$(grep -o 'tcp=[0-9.:]*' "$out" | cut -d: -f2)
http=$(grep -o 'http=[0-9.:]*' "$out" | cut -d: -f2)

workload=(fanout --rooms 1 --clients 100 --messages 200 --size 64 --window 4 --pid "$pid")
line=$(taskset -c 1 "$bench" "${workload[@]}" --port "$tcp" | grep '^JSON' | sed 's/^JSON //')
ws=$(taskset -c 1 "$bench" "${workload[@]}" --transport ws --http-port "$http" | grep '^JSON' | sed 's/^JSON //')
echo "line $line"
echo "ws   $ws"
rate() { grep -o '"DeliveriesPerSecond":[0-9.]*' <<<"$1" | cut -d: -f2; }
awk -v l="$(rate "$line")" -v w="$(rate "$ws")" 'BEGIN { printf "ws/line deliveries/s: %.0f / %.0f = %.2f\n", w, l, w / l }'
