#!/usr/bin/env bash
# ActorChat's IRC port against InspIRCd (Debian's package) in one run, with the same generator over
# IRC (PRIVMSG with echo-message): fanout-1room and fanout-many, each server fresh for every run,
# pinned to CPU 0, the generator to CPU 1. InspIRCd runs as a private instance from a minimal config in
# a temporary directory, on a free port, with its flood limits off like ActorChat's. Prints JSON lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
command -v inspircd >/dev/null || { echo "needs inspircd (apt-get install inspircd)" >&2; exit 1; }
dotnet build src/ActorChat.Server -c Release -v quiet >/dev/null
dotnet build src/ActorChat.Bench -c Release -v quiet >/dev/null
server=src/ActorChat.Server/bin/Release/net10.0/actorchat-server
bench=src/ActorChat.Bench/bin/Release/net10.0/actorchat-bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_actorchat() {
  port=$(free_port)
  taskset -c 0 "$server" --port 0 --udp-port -1 --tls-port -1 --ircs-port -1 --irc-port "$port" --bind 127.0.0.1 --Chat:Database= \
    --Chat:FloodLinesPerSecond=0 --Chat:MaxConnectionsPerAddress=0 --Chat:MaxNewConnectionsPerAddressPerMinute=0 \
    >"$tmp/out" 2>/dev/null &
  pid=$!
  until grep -q listening "$tmp/out" 2>/dev/null; do sleep 0.1; done
}

start_inspircd() {
  port=$(free_port)
  cat >"$tmp/inspircd.conf" <<CONF
<config format="xml">
<server name="inspircd.bench" description="bench" network="Bench">
<admin name="bench" nick="bench" email="bench@localhost">
<bind address="127.0.0.1" port="$port" type="clients">
<pid file="$tmp/inspircd.pid">
<connect allow="127.0.0.1" maxchans="100" localmax="100000" globalmax="100000" maxconnwarn="off" limit="100000"
         commandrate="100000000" fakelag="no" threshold="100000000" recvq="65536" sendq="1048576"
         softsendq="1048576" hardsendq="1048576" pingfreq="120" timeout="60" resolvehostnames="no" useident="no">
<performance netbuffersize="10240" somaxconn="1024" softlimit="100000" clonesonconnect="no" quietbursts="yes">
<dns timeout="1">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$tmp/inspircd.log">
<module name="cap">
<module name="ircv3">
<module name="ircv3_echomessage">
CONF
  rm -f "$tmp/inspircd.pid"
  taskset -c 0 inspircd --nofork --runasroot --config="$tmp/inspircd.conf" >"$tmp/out" 2>&1 &
  pid=$!
  until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; do sleep 0.1; done
}

run() {
  name=$1; shift
  for server_kind in actorchat inspircd; do
    for i in $(seq "$runs"); do
      "start_$server_kind"
      taskset -c 1 "$bench" fanout --server irc --port "$port" --pid "$pid" "$@" | grep '^JSON' | sed "s/^JSON /$name $server_kind /"
      kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    done
  done
}

run fanout-1room --rooms 1 --clients 100 --messages 200 --size 64 --window 4
run fanout-many --rooms 100 --clients 10 --messages 500 --size 64 --window 4
