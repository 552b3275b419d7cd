#!/usr/bin/env bash
# Measures two revisions of the server side by side in one run, with the same load generator (this
# tree's): each workload is run three times against each, alternating, and the medians and their
# ratio (NEW / BASE) printed. Server pinned to CPU 0, generator to CPU 1, as run-workloads.sh does.
#   bash src/ActorChat.Bench/compare-revisions.sh BASE [NEW]      (NEW defaults to the work tree)
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:?usage: compare-revisions.sh BASE [NEW]}
new=${2:-}
port=${PORT:-9899}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; [ -n "$new" ] && git worktree remove --force "$work/new" >/dev/null 2>&1; rm -rf "$work"' EXIT

build() {   # build REVISION DIR -> path of its server binary
  git worktree add -q --detach "$2" "$1"
  dotnet build "$2/src/ActorChat.Server" -c Release -v quiet >/dev/null
  echo "$2/src/ActorChat.Server/bin/Release/net10.0/actorchat-server"
}
base_server=$(build "$base" "$work/base")
if [ -n "$new" ]; then
  new_server=$(build "$new" "$work/new")
else
  dotnet build src/ActorChat.Server -c Release -v quiet >/dev/null
  new_server=src/ActorChat.Server/bin/Release/net10.0/actorchat-server
fi
dotnet build src/ActorChat.Bench -c Release -v quiet >/dev/null
bench=src/ActorChat.Bench/bin/Release/net10.0/actorchat-bench

once() {   # once SERVER WORKLOAD ARGS... -> the run's JSON line
  local server=$1; shift
  local out; out=$(mktemp)
  taskset -c 0 "$server" --port "$port" --udp-port -1 --Chat:FloodLinesPerSecond=0 --Chat:Database= --Chat:TlsPort=-1 --Chat:HttpPort=-1 \
    --Chat:MaxConnectionsPerAddress=0 --Chat:MaxNewConnectionsPerAddressPerMinute=0 >"$out" 2>/dev/null &
  local pid=$!
  until grep -q listening "$out"; do sleep 0.1; done
  taskset -c 1 "$bench" "$@" --port "$port" --pid "$pid" | grep '^JSON' | sed 's/^JSON //'
  kill -TERM "$pid"; wait "$pid" || true
  rm -f "$out"
}

# compare NAME KEYS WORKLOAD ARGS...: three runs each, alternating; for each of the comma-separated
# KEYS of the JSON line, the medians and their ratio.
compare() {
  local name=$1 keys=$2; shift 2
  local runs; runs=$(mktemp)
  for _ in 1 2 3; do
    echo "base $(once "$base_server" "$@")" >>"$runs"
    echo "new $(once "$new_server" "$@")" >>"$runs"
  done
  python3 - "$runs" "$name" "$keys" <<'PY'
import json, statistics, sys
runs, name, keys = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
rows = [line.split(" ", 1) for line in open(runs)]
for key in keys:
    b = statistics.median(json.loads(j)[key] for side, j in rows if side == "base")
    n = statistics.median(json.loads(j)[key] for side, j in rows if side == "new")
    print(f"{name:28} {key:28} base {b:14.3f}  new {n:14.3f}  new/base {n / b:.3f}")
PY
  rm -f "$runs"
}

compare "fanout-1room (1 x 100)" DeliveriesPerSecond,ServerCpuMicrosPerDelivery fanout --rooms 1 --clients 100 --messages 200 --size 64 --window 4
compare "fanout-many (100 x 10)" DeliveriesPerSecond,ServerCpuMicrosPerDelivery fanout --rooms 100 --clients 10 --messages 500 --size 64 --window 4
compare "latency (1 x 50, 2000/s)" P50Ms,P99Ms latency --rooms 1 --clients 50 --rate 2000 --seconds 10
compare "idle (10,000 registered)" BytesPerConnection idle --connections 10000 --clients 100
