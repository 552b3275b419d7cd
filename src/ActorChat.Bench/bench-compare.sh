#!/usr/bin/env bash
# ActorChat against Redis pub/sub, side by side, in one run on this machine: every workload of
# docs/BENCHMARKS.md with the same generator, the two servers alternating run by run (so both see
# the same machine weather), each run on a fresh server pinned to CPU 0 with the generator on CPU 1.
# Prints the table of medians with ActorChat's ratio to Redis and writes the load-sweep plot.
#   RUNS=3 (runs per workload and server)   ONLY='fanout-1room latency-2k' (labels to run; default all)
#   OUT=docs/bench-compare (writes OUT.jsonl, OUT.md and OUT.svg; APPEND=1 adds to OUT.jsonl)   SERVER_ARGS='...' (extra ActorChat settings)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
dotnet build src/ActorChat.Server -c Release -v quiet >/dev/null
dotnet build src/ActorChat.Bench -c Release -v quiet >/dev/null
server=src/ActorChat.Server/bin/Release/net10.0/actorchat-server
bench=src/ActorChat.Bench/bin/Release/net10.0/actorchat-bench
port=${PORT:-9999}
runs=${RUNS:-3}
out=${OUT:-docs/bench-compare}
results=$out.jsonl
[ -n "${APPEND:-}" ] || : >"$results"

start() {   # $1 = redis|actorchat; sets pid
  log=$(mktemp)
  if [ "$1" = redis ]; then
    taskset -c 0 redis-server --port "$port" --save '' --appendonly no --maxclients 30000 --logfile "$log" &
    pid=$!
    until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
  else
    # shellcheck disable=SC2086
    taskset -c 0 "$server" --port "$port" --udp-port -1 --Chat:FloodLinesPerSecond=0 --Chat:MaxConnectionsPerAddress=0 \
      --Chat:MaxNewConnectionsPerAddressPerMinute=0 ${SERVER_ARGS:-} >"$log" 2>&1 &
    pid=$!
    until grep -q listening "$log"; do sleep 0.1; done
  fi
}

stop() {
  kill -TERM "$pid"; wait "$pid" || true
  rm -f "$log"
}

# run LABEL RUNS WORKLOAD ARGS...: alternately against each server, RUNS times.
run() {
  local label=$1 times=$2; shift 2
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" ${label%%@*} "* ]]; then return; fi
  for _ in $(seq "$times"); do
    for target in redis actorchat; do
      start "$target"
      report=$(taskset -c 1 "$bench" "$@" --server "$target" --label "${label%%@*}" --port "$port" --pid "$pid") || true
      grep -v '^JSON' <<<"$report"
      grep '^JSON' <<<"$report" | sed 's/^JSON //' >>"$results"
      stop
    done
  done
}

run fanout-1room "$runs" fanout --rooms 1 --clients 100 --messages 200 --size 64 --window 4
run fanout-many "$runs" fanout --rooms 100 --clients 10 --messages 500 --size 64 --window 4
run latency-2k "$runs" latency --rooms 1 --clients 50 --rate 2000 --seconds 20
run latency-20k "$runs" latency --rooms 50 --clients 10 --rate 20000 --seconds 10
run idle-10k "$runs" idle --connections 10000 --clients 100 --leave-seconds 10
run idle-19k "$runs" idle --connections 19000 --clients 100 --leave-seconds 0
run connect-10k "$runs" connect --connections 10000 --leave-seconds 0
run churn-5k "$runs" churn --rate 5000 --seconds 5 --rooms 100
for rate in 1000 2000 5000 10000 20000 40000; do
  run "sweep@$rate" 1 latency --rooms 50 --clients 10 --rate "$rate" --seconds 5
done

"$bench" compare "$results" "$out.svg" | tee "$out.md"
echo "plot: $out.svg"
