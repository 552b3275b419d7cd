#!/usr/bin/env bash
# Start-up with a full store (issue 10: under 2 s to `listening`): a database of 1,000,000 messages in
# 100 rooms (10,000 each, 64 B), then the Release server started on it RUNS times (default 3), and as
# a baseline with no store; prints the time from launch to the listening line of each start.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/ActorChat.Server -c Release -v quiet >/dev/null
server=src/ActorChat.Server/bin/Release/net10.0/actorchat-server
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
data=$root/data

# Milliseconds from launch to the listening line; the server is then stopped with SIGTERM.
start() {
  out=$(mktemp)
  t0=$(date +%s%N)
  "$server" --port 0 --udp-port -1 --bind 127.0.0.1 --Chat:DataDirectory="$data" "$@" >"$out" 2>/dev/null &
  pid=$!
  until grep -q listening "$out"; do sleep 0.005; done
  t1=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  rm -f "$out"
  echo $(((t1 - t0) / 1000000))
}

start >/dev/null    # the server makes the file and its schema
python3 - "$data/actorchat.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
start = int(time.time() * 1000) - 86_400_000
rooms, each = 100, 10_000
text = "a chat line of sixty-four bytes, as the benchmarks send it...."
db.execute("BEGIN")
db.executemany("INSERT INTO rooms (name, spelling, created, last_id) VALUES (?, ?, ?, ?)",
               [(f"room{r}", f"room{r}", start, each) for r in range(rooms)])
db.executemany("INSERT INTO messages (room, id, nick, text, is_action, time) VALUES (?, ?, ?, ?, 0, ?)",
               ((f"room{r}", i, f"speaker{i % 50}", text, start + i) for r in range(rooms) for i in range(1, each + 1)))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
n, = db.execute("SELECT count(*) FROM messages").fetchone()
print(f"{n} messages in {rooms} rooms, {sum(1 for _ in db.execute('SELECT 1 FROM rooms'))} rooms kept")
PY
for _ in $(seq "${RUNS:-3}"); do echo "with the store: $(start) ms to listening"; done
echo "no store:       $(start --Chat:Database=) ms to listening"
