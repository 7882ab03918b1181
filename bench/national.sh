#!/usr/bin/env bash
# The server at national scale: the database the register import benchmark left (1,000,000
# people), served, with an organiser over the constituency reading 1,000 people picked at
# random (under an organiser's daily budget of 1,500) against the same server's hello route.
# Reports requests/s, latency and the server's peak RSS.
# usage: bench/national.sh WARDEN_BINARY WORK_DIR  (WORK_DIR/warden.sqlite; prints Markdown)
set -euo pipefail
warden=$1
work=$2
db="$work/warden.sqlite"
port=18081
password="benchmark organiser password"
source bench/signin.sh

WARDEN_PASSWORD="$password" "$warden" account create reader --db "$db" >/dev/null
"$warden" account totp reader --db "$db" >/dev/null
"$warden" grant create --db "$db" --account reader --role organiser --area C --reason "benchmark" >/dev/null
"$warden" serve --db "$db" --port "$port" > "$work/national.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
people=$(sqlite3 "$db" "SELECT count(*) FROM person")
sqlite3 "$db" "SELECT id FROM person ORDER BY random() LIMIT 1000" > "$work/people.txt"
token=$(signin "$warden" "$db" "$port" reader "$password")

run() { wrk -t2 -c64 -d10s --latency "$@" 2>&1; }
run "http://127.0.0.1:$port/healthz" > "$work/national-hello.txt"
PEOPLE="$work/people.txt" TOKEN="$token" run -s bench/people.lua "http://127.0.0.1:$port" > "$work/national-read.txt"
read -r hello_rps hello_p50 hello_p99 hello_bad < <(python3 bench/wrk_figures.py "$work/national-hello.txt")
read -r read_rps read_p50 read_p99 read_bad < <(python3 bench/wrk_figures.py "$work/national-read.txt")
rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$server/status)
ratio=$(python3 -c "print(f'{$read_rps / $hello_rps:.2f}')")
verdict=$(python3 -c "print('met' if $read_rps / $hello_rps >= 0.3 and $read_p99 < 20 else 'MISSED')")
rss_verdict=$(python3 -c "print('met' if $rss < 500 else 'MISSED')")

cat <<MD

## HTTP at national scale (wrk, 64 connections, 10 s, the import's database: $people people)

| route | requests/s | p50 ms | p99 ms | non-2xx | ratio to hello | target |
|---|---|---|---|---|---|---|
| \`GET /healthz\` (hello, no session) | $hello_rps | $hello_p50 | $hello_p99 | $hello_bad | 1.00 | |
| \`GET /api/v1/people/{id}\` as an organiser over the constituency, 1,000 people at random | $read_rps | $read_p50 | $read_p99 | $read_bad | $ratio | ≥ 0.3 and p99 < 20 ms ($verdict) |

Peak RSS of the server over $people people: $rss MiB (target < 500 MB: $rss_verdict).
MD
