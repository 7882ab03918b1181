#!/usr/bin/env bash
# PostgreSQL part of the benchmark, on a throwaway cluster of its own (scripts/postgres):
# the first register import against psql's \copy of the same file; warden migrate of the
# SQLite database the import section made; an authorised person read against the same
# server's /healthz; doorstep writes through two servers on one database against one server
# on SQLite (bench/http.sh's figure, same run); the audit log's appends against pgbench's one
# commit per entry, and the investigation queries on warden-bench's synthetic log moved there.
# Prints a Markdown section.
# usage: bench/postgres.sh WARDEN_BINARY WORK_DIR ROWS WARDEN_BENCH ENTRIES PEOPLE
set -euo pipefail
warden=$1
work=$2
rows=$3
bench=$4
entries=$5
people=$6
# The cluster's folder must be reachable by the postgres user: not inside the 0700 work folder.
pg=$(mktemp -d /tmp/warden-bench-postgres.XXXXXX)
url=$(scripts/postgres start "$pg")
trap 'kill $(jobs -p) 2>/dev/null || true; scripts/postgres stop "$pg"; rm -rf "$pg"' EXIT
export WARDEN_DB_PASSWORD_FILE="$pg/password"
export PGPASSWORD=$(head -1 "$pg/password")
base=${url%/postgres}
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):,.0f}')"; }
for db in baseline party moved demo appends log; do psql "$url" -c "CREATE DATABASE $db"; done

# Baseline: psql's \copy of the same file into a plain table of text columns, one transaction.
header=$(head -1 "$work/register.csv" | sed 's/^\xEF\xBB\xBF//; s/\r$//')
columns=$(python3 -c "import sys; print(', '.join(f'c{i} text' for i, _ in enumerate(sys.argv[1].split(','))))" "$header")
psql "$base/baseline" -c "CREATE TABLE register ($columns)"
start=$(now)
psql "$base/baseline" -c "\\copy register FROM '$work/register.csv' WITH (FORMAT csv, HEADER true)"
end=$(now)
baseline_seconds=$(python3 -c "print($end - $start)")

mkdir -p "$work/pgparty" && cd "$work/pgparty"
WARDEN_ADMIN_PASSWORD="benchmark password" "$warden" init --db "$base/party" >/dev/null
"$warden" import areas --db "$base/party" "$work/areas.csv" >/dev/null
start=$(now)
/usr/bin/time -f "%M" -o "$work/pg-import-rss" "$warden" import register --db "$base/party" "$work/register.csv" >/dev/null
end=$(now)
import_seconds=$(python3 -c "print($end - $start)")
import_ratio=$(python3 -c "print(f'{$baseline_seconds / $import_seconds:.2f}')")
import_verdict=$(python3 -c "print('met' if $baseline_seconds / $import_seconds >= 0.15 else 'MISSED')")

# warden migrate: the SQLite database of the import section (its register imported twice), whole.
start=$(now)
"$warden" migrate --from "$work/warden.sqlite" --to "$base/moved" > "$work/migrate.txt"
end=$(now)
migrate_seconds=$(python3 -c "print($end - $start)")
moved_people=$(psql "$base/moved" -tAc "SELECT COUNT(*) FROM person")
cd - >/dev/null

# HTTP: the demo constituency on PostgreSQL, two servers.
mkdir -p "$work/pgdemo" && cd "$work/pgdemo"
"$warden" demo --db "$base/demo" --port 18090 > server1.log 2>&1 &
first=$!
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:18090/healthz >/dev/null && break; sleep 1; done
"$warden" serve --db "$base/demo" --keyring demo.keyring --port 18091 > server2.log 2>&1 &
second=$!
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18091/healthz >/dev/null && break; sleep 1; done
cd - >/dev/null
# The demo's key ring and witness directory, for the commands run from here.
export WARDEN_KEYRING="$work/pgdemo/demo.keyring" WARDEN_WITNESS="$work/pgdemo/demo.witness"
source bench/signin.sh
demo_signin() { signin "$warden" "$base/demo" 18090 "$1" warden-demo-password; }
token=$(demo_signin secretary)
person=$(curl -sf "http://127.0.0.1:18090/api/v1/people?q=L100002" -H "Authorization: Bearer $token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["people"][0]["id"])')
volunteers=9
for list in $(psql "$base/demo" -tAc "SELECT id FROM walk_list ORDER BY id"); do
  holder="volunteer$(( list % volunteers + 1 ))"
  "$warden" walklist end "$list" --db "$base/demo" >/dev/null 2>&1 || true
  "$warden" walklist assign "$list" --to "$holder" --hours 1 --db "$base/demo" >/dev/null
done
for n in $(seq 1 $volunteers); do echo "volunteer$n $(demo_signin "volunteer$n")"; done > "$work/pg-tokens.txt"
psql "$base/demo" -tAF ' ' -c "SELECT w.walk_list_id, p.id, 'volunteer' || (w.walk_list_id % $volunteers + 1) FROM walk_list_household w
  JOIN person p ON p.household_id = w.household_id JOIN elector e ON e.person_id = p.id AND e.current = 1" \
  | python3 -c "
import sys
tokens = dict(line.split() for line in open('$work/pg-tokens.txt'))
for line in sys.stdin:
    if line.strip():
        walk_list, person, holder = line.split()
        print(walk_list, person, tokens[holder])
" > "$work/pg-doors.txt"

run() { wrk -t2 -c64 -d10s --latency "$@" 2>&1; }
parse() { python3 bench/wrk_figures.py "$1"; }
run http://127.0.0.1:18090/healthz > "$work/pg-hello.txt"
run -H "Authorization: Bearer $token" "http://127.0.0.1:18090/api/v1/people/$person" > "$work/pg-read.txt"
# Doorstep writes: 32 connections to each server at once.
PAIRS="$work/pg-doors.txt" wrk -t1 -c32 -d10s --latency -s bench/doorstep.lua http://127.0.0.1:18090 > "$work/pg-write1.txt" 2>&1 &
load=$!
PAIRS="$work/pg-doors.txt" wrk -t1 -c32 -d10s --latency -s bench/doorstep.lua http://127.0.0.1:18091 > "$work/pg-write2.txt" 2>&1
wait $load
read -r hello_rps hello_p50 hello_p99 hello_bad < <(parse "$work/pg-hello.txt")
read -r read_rps read_p50 read_p99 read_bad < <(parse "$work/pg-read.txt")
read -r w1_rps w1_p50 w1_p99 w1_bad < <(parse "$work/pg-write1.txt")
read -r w2_rps w2_p50 w2_p99 w2_bad < <(parse "$work/pg-write2.txt")
write_rps=$((w1_rps + w2_rps))
sqlite_rps=$(cat "$work/doorstep.rps")
read_ratio=$(python3 -c "print(f'{$read_rps / $hello_rps:.2f}')")
read_verdict=$(python3 -c "print('met' if $read_rps / $hello_rps >= 0.3 and $read_p99 < 20 else 'MISSED')")
write_ratio=$(python3 -c "print(f'{$write_rps / $sqlite_rps:.2f}')")
write_verdict=$(python3 -c "print('met' if $write_rps / $sqlite_rps >= 1.5 else 'MISSED')")
server_rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$first/status)
postgres_rss=$(ps -u postgres -o rss= | awk '{s+=$1} END {print int(s/1024)}')
verify=$("$warden" verify --db "$base/demo" --keyring "$work/pgdemo/demo.keyring" --witness "$work/pgdemo/demo.witness" | tail -1)

# The audit log: appends through the store, 64 writers, against pgbench inserting one entry-sized
# row per durable commit from one client; then warden-bench's synthetic log moved with migrate
# and queried there. The cluster's memory is read after the moved log has been queried.
"$bench" --entries "$entries" --people "$people" --verified "$entries" --appends 40000 \
  --postgres-append "$base/appends" --postgres-log "$base/log" > "$work/pg-audit.txt"
get() { awk -v k="$1" '$1 == k {print $2}' "$work/pg-audit.txt"; }
psql "$base/baseline" -c "CREATE TABLE entry (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, bytes bytea)"
echo "INSERT INTO entry (bytes) VALUES (decode(repeat('ab', 200), 'hex'))" > "$work/pgbench-entry.sql"
append_baseline=$(/usr/lib/postgresql/*/bin/pgbench -n -c1 -T5 -f "$work/pgbench-entry.sql" "$base/baseline" 2>/dev/null \
  | awk '/^tps/ {print int($3)}')
log_postgres_rss=$(ps -u postgres -o rss= | awk '{s+=$1} END {print int(s/1024)}')

cat <<MD

## PostgreSQL ($(command psql --version | awk '{print $3}'), a cluster of the run's own, synchronous_commit on)

| what | seconds | rows/s | ratio to baseline | target |
|---|---|---|---|---|
| \`psql \\copy\` of the register into a plain table (baseline) | $(printf %.2f "$baseline_seconds") | $(rate "$rows" 0 "$baseline_seconds") | 1.00 | |
| \`warden import register --db postgres://…\` (first import) | $(printf %.2f "$import_seconds") | $(rate "$rows" 0 "$import_seconds") | $import_ratio | ≥ 0.15 ($import_verdict) |

\`warden migrate\` of the SQLite database above ($moved_people people, the register imported twice, every version and log entry): $(printf %.1f "$migrate_seconds") s; $(grep -c '' "$work/migrate.txt") lines of output, last: "$(tail -1 "$work/migrate.txt" | cut -c1-60)…".

| route (wrk, 10 s) | requests/s | p50 ms | p99 ms | non-2xx | ratio | target |
|---|---|---|---|---|---|---|
| \`GET /healthz\`, 64 connections (hello) | $hello_rps | $hello_p50 | $hello_p99 | $hello_bad | 1.00 | |
| \`GET /api/v1/people/{id}\`, 64 connections | $read_rps | $read_p50 | $read_p99 | $read_bad | $read_ratio to hello | ≥ 0.3, p99 < 20 ms ($read_verdict) |
| \`POST /api/v1/canvass/results\`, two servers × 32 connections | $write_rps ($w1_rps + $w2_rps) | $w1_p50 / $w2_p50 | $w1_p99 / $w2_p99 | $((w1_bad + w2_bad)) | $write_ratio to one SQLite server ($sqlite_rps/s) | ≥ 1.5 ($write_verdict) |

After the load, \`warden verify\` on the PostgreSQL database: "$verify". Peak RSS of the first server: $server_rss MiB; the cluster's processes together: $postgres_rss MiB resident (shared buffers counted in each).

| audit log (\`warden-bench\`, $people people, $entries entries) | figure | baseline (same run) | ratio | target |
|---|---|---|---|---|
| append, 64 writers, synchronous_commit on, batched | $(get append_entries_per_second) entries/s | pgbench, one durable commit per entry: $append_baseline/s | $(python3 -c "print(f'{$(get append_entries_per_second) / $append_baseline:.2f}')") | ≥ 10,000/s ($(python3 -c "print('met' if $(get append_entries_per_second) >= 10000 else 'MISSED')")) |
| \`warden migrate\` of the synthetic log | $(get migrate_seconds) s | | | |
| changes by an account in an hour | p50 $(get changes_by_account_p50_ms) ms, p99 $(get changes_by_account_p99_ms) ms | | | < 1 s ($(python3 -c "print('met' if $(get changes_by_account_p99_ms) < 1000 else 'MISSED')")) |
| one person's history (versions and accesses) | p50 $(get person_history_p50_ms) ms, p99 $(get person_history_p99_ms) ms | | | < 1 s ($(python3 -c "print('met' if $(get person_history_p99_ms) < 1000 else 'MISSED')")) |

The cluster's processes after the moved log was queried: $log_postgres_rss MiB resident.
MD
