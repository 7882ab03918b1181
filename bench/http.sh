#!/usr/bin/env bash
# HTTP part of the benchmark: an authorised person read (Gate + budget + audit through group
# commit) and a doorstep write (Gate + seal + contact + version + audit) against the same
# server's unauthenticated /healthz, 64 connections, 10 s each.
# usage: bench/http.sh WARDEN_BINARY WORK_DIR  (prints a Markdown section)
set -euo pipefail
warden=$1
work=$2
port=18080
db="$work/demo.sqlite"

"$warden" demo --db "$db" --port "$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

source bench/signin.sh
demo_signin() { signin "$warden" "$db" "$port" "$1" warden-demo-password; }
token=$(demo_signin secretary)
person=$(curl -sf "http://127.0.0.1:$port/api/v1/people?q=L100002" -H "Authorization: Bearer $token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["people"][0]["id"])')

# Each walk list of the demo campaign goes to one of the demo volunteers for an hour (two or
# three lists each, as on a busy evening); the writes go round-robin over the people on them,
# each through the token of the volunteer holding their list (read from the file by the
# harness, not through the API).
volunteers=9
for list in $(sqlite3 "$db" "SELECT id FROM walk_list ORDER BY id"); do
  holder="volunteer$(( list % volunteers + 1 ))"
  "$warden" walklist end "$list" --db "$db" >/dev/null 2>&1 || true
  "$warden" walklist assign "$list" --to "$holder" --hours 1 --db "$db" >/dev/null
done
for n in $(seq 1 $volunteers); do
  echo "volunteer$n $(demo_signin "volunteer$n")"
done > "$work/tokens.txt"
sqlite3 -separator ' ' "$db" "SELECT w.walk_list_id, p.id, 'volunteer' || (w.walk_list_id % $volunteers + 1) FROM walk_list_household w
  JOIN person p ON p.household_id = w.household_id JOIN elector e ON e.person_id = p.id AND e.current = 1" \
  | python3 -c "
import sys
tokens = dict(line.split() for line in open('$work/tokens.txt'))
for line in sys.stdin:
    walk_list, person, holder = line.split()
    print(walk_list, person, tokens[holder])
" > "$work/doors.txt"

run() { wrk -t2 -c64 -d10s --latency "$@" 2>&1; }
parse() { python3 bench/wrk_figures.py "$1"; }
run "http://127.0.0.1:$port/healthz" > "$work/hello.txt"
run -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/people/$person" > "$work/read.txt"
PAIRS="$work/doors.txt" run -s bench/doorstep.lua "http://127.0.0.1:$port" > "$work/write.txt"
read -r hello_rps hello_p50 hello_p99 hello_bad < <(parse "$work/hello.txt")
read -r read_rps read_p50 read_p99 read_bad < <(parse "$work/read.txt")
read -r write_rps write_p50 write_p99 write_bad < <(parse "$work/write.txt")
echo "$write_rps" > "$work/doorstep.rps"  # the SQLite server's figure, for bench/postgres.sh
write_ratio=$(python3 -c "print(f'{$write_rps / $hello_rps:.2f}')")
write_verdict=$(python3 -c "print('met' if $write_rps >= 2000 else 'MISSED')")
sealed_plain=$( (grep -c -a "benchmark" "$db" "$db-wal" 2>/dev/null || true) | awk -F: '{s+=$2} END {print s+0}')
rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$server/status)
ratio=$(python3 -c "print(f'{$read_rps / $hello_rps:.2f}')")
verdict=$(python3 -c "print('met' if $read_rps / $hello_rps >= 0.3 and $read_p99 < 20 else 'MISSED')")

cat <<MD

## HTTP (wrk, 64 connections, 10 s, same server, demo constituency)

| route | requests/s | p50 ms | p99 ms | non-2xx | ratio to hello | target |
|---|---|---|---|---|---|---|
| \`GET /healthz\` (hello, no session) | $hello_rps | $hello_p50 | $hello_p99 | $hello_bad | 1.00 | |
| \`GET /api/v1/people/{id}\` as the membership secretary (session, Gate, budget, audit) | $read_rps | $read_p50 | $read_p99 | $read_bad | $ratio | ≥ 0.3 and p99 < 20 ms ($verdict) |
| \`POST /api/v1/canvass/results\` as nine canvassers (Gate, seal, contact, version, audit) | $write_rps | $write_p50 | $write_p99 | $write_bad | $write_ratio | ≥ 2,000/s ($write_verdict) |

Doorstep writes spread over $(wc -l < "$work/doors.txt") people on the volunteers' lists; afterwards the database file and WAL hold the benchmark's note in plain text $sealed_plain time(s).

Peak RSS of the server: $rss MiB.
MD
