#!/usr/bin/env bash
# The exports' figures for BENCHMARKS.md (issue 18): an export of about 100,000 people from the
# imported register, next to sqlite3 writing the same columns through age; and the trace of a
# 500-row copy among 1,000 exports, in a Warden of its own with a 40,000-elector register.
#   bench/exports.sh WARDEN_BENCH WORK
set -euo pipefail
bench="$1"
work="$2"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
python3 bench/make_register.py 40000 "$work/trace-register.csv" "$work/trace-areas.csv"
"$bench" --export-db "$work/warden.sqlite" --trace-register "$work/trace-register.csv" --trace-areas "$work/trace-areas.csv" > "$out"
get() { awk -v k="$1" '$1 == k {print $2}' "$out"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
cat <<MD

## Exports (\`warden-bench --export-db\`)

| what | figure | baseline (same run) | ratio | target |
|---|---|---|---|---|
| an export of $(get export_people) people (name, address): the request with its count | $(get export_request_seconds) s | | | report |
| its approval: the Gate's read as the requester, $(get export_decoys) decoys, keyed order and format choices, the CSV ($(python3 -c "print(f'{$(get export_bytes) / 2**20:,.1f}')") MiB) encrypted as written, marks stored | $(get export_approve_seconds) s | \`sqlite3 -csv\` of the same columns piped through \`age\`: $(get export_baseline_seconds) s | $(ratio "$(get export_baseline_seconds)" "$(get export_approve_seconds)") | report both times |
| tracing a 500-row copy (re-sorted, first names, postcodes and decoys removed) among $(get trace_exports) exports of 1,000 people each | $(get trace_seconds) s; named the right export, chance of another fitting as well 1 in 10^$(python3 -c "print(-$(get trace_log10_chance))") | | | report both times |

Making the $(get trace_exports) exports (request and approval each) took $(get trace_export_make_seconds) s, not measured above.
MD
