#!/usr/bin/env bash
# The freeze repro of issue 11 at full size (CI runs a short one: tests/reliability/test_freeze.py):
# wrk -t2 -c64 -d40s, 10% unknown tokens, /health polled each second, then SIGTERM timed.
# usage: bench/freeze_repro.sh NAME DB_URL PORT   (needs wrk; writes /tmp/{wrk,health,freeze}-NAME.*)
set -u
cd "$(dirname "$0")/.."
name=$1; db=$2; port=$3
.venv/bin/ispyb-server serve --demo --db "$db" --port $port > /tmp/freeze-$name.log 2>&1 &
pid=$!
for i in $(seq 60); do curl -sf http://127.0.0.1:$port/health >/dev/null && break; sleep 1; done
( for i in $(seq 40); do curl -s -o /dev/null -m 10 -w "%{http_code} %{time_total}\n" http://127.0.0.1:$port/health; sleep 1; done ) > /tmp/health-$name.txt &
hp=$!
TOKEN=demo-owner wrk -t2 -c64 -d40s --timeout 35s -s tests/reliability/freeze.lua "http://127.0.0.1:$port/v1/data-collections?limit=50" > /tmp/wrk-$name.txt 2>&1
wait $hp
t0=$(date +%s.%N); kill -TERM $pid; wait $pid; t1=$(date +%s.%N)
echo "== $name"; tail -n 3 /tmp/wrk-$name.txt
awk '{n++; if ($1!=200) bad++; if ($2>m) m=$2} END {printf "health: %d polls, %d not 200, max %.3f s\n", n, bad, m}' /tmp/health-$name.txt
echo "sigterm_exit_s=$(echo "$t1 - $t0" | bc)"
