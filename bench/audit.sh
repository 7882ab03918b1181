#!/usr/bin/env bash
# The audit log's figures for BENCHMARKS.md: appends with durable group commits, verify next to
# raw SHA-256 over the same entry bytes, and the DPO's investigation queries.
#   bench/audit.sh WARDEN_BENCH ENTRIES PEOPLE VERIFIED
# Verify runs on the first VERIFIED entries; the log then grows to ENTRIES for the queries.
set -euo pipefail
bench="$1"
entries="$2"
people="$3"
verified="$4"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bench" --entries "$entries" --people "$people" --verified "$verified" --appends 20000 > "$out"
get() { awk -v k="$1" '$1 == k {print $2}' "$out"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
verdict() { python3 -c "print('met' if $1 else 'MISSED')"; }
cat <<MD

## Audit log (synthetic; \`warden-bench\`)

A log of the documented entry format over $(get seeded_people) people, each created by a register import; then reads of
random people by 500 accounts, every tenth a write making a version. Verify runs on its first
$(get verified_entries) entries; the queries run after it has grown to $(get seeded_entries) entries
(loading it took $(get seed_seconds) s, not measured).

| what | figure | baseline (same run) | ratio | target |
|---|---|---|---|---|
| append, 64 writers, synchronous=FULL, group commit | $(get append_entries_per_second) entries/s | one durable commit per entry: $(get append_baseline_commits_per_second)/s | $(ratio "$(get append_entries_per_second)" "$(get append_baseline_commits_per_second)") | ≥ 10,000/s ($(verdict "$(get append_entries_per_second) >= 10000")) |
| \`verify\` of $(get verified_entries) entries (tree, entries against their columns and people, versions, records) | $(get verify_entries_per_second) entries/s | raw SHA-256 of the entry bytes read from the database: $(get raw_sha256_entries_per_second)/s | $(ratio "$(get verify_entries_per_second)" "$(get raw_sha256_entries_per_second)") | the whole log in < 5 min: $(python3 -c "print(f'{$(get verified_entries) / $(get verify_entries_per_second):.0f}')") s ($(verdict "$(get verified_entries) / $(get verify_entries_per_second) < 300")) |
| tree integration (leaf hashes, stored nodes) | $(get integrate_entries_per_second) entries/s | same | $(ratio "$(get integrate_entries_per_second)" "$(get raw_sha256_entries_per_second)") | ≥ 0.25 ($(verdict "$(get integrate_entries_per_second) >= 0.25 * $(get raw_sha256_entries_per_second)")) |
| changes by an account in an hour, $(get seeded_entries) entries | p50 $(get changes_by_account_p50_ms) ms, p99 $(get changes_by_account_p99_ms) ms | | | < 1 s ($(verdict "$(get changes_by_account_p99_ms) < 1000")) |
| one person's history (versions and accesses), $(get seeded_people) people | p50 $(get person_history_p50_ms) ms, p99 $(get person_history_p99_ms) ms | | | < 1 s ($(verdict "$(get person_history_p99_ms) < 1000")) |
| a subject access package for a person named in $(get sar_consultations) entries (every fact, the log's entries naming them, HTML, JSON, tar, manifest, age seal) | p50 $(get sar_package_p50_ms) ms (read $(get sar_package_read_p50_ms), render $(get sar_package_render_p50_ms), seal $(get sar_package_seal_p50_ms)), worst of 5 $(get sar_package_max_ms) ms | the same person's history: $(get sar_history_p50_ms) ms | | < 5 s ($(verdict "$(get sar_package_max_ms) < 5000")) |
| the DPO's dashboard: $(get sar_dashboard_cases) open cases, soonest due first | p50 $(get sar_dashboard_p50_ms) ms, p99 $(get sar_dashboard_p99_ms) ms | | | < 1 s ($(verdict "$(get sar_dashboard_p99_ms) < 1000")) |
| an incident: one account over the whole log ($(get incident_actor_people) people read or changed, how, who else read them) | worst of 3 $(get incident_actor_max_ms) ms | | | < 5 s ($(verdict "$(get incident_actor_max_ms) < 5000")) |
| an incident: the whole database as it stands ($(get incident_whole_people) people, by category and area) | $(get incident_whole_seconds) s | | | < 5 min ($(verdict "$(get incident_whole_seconds) < 300")) |
| erasure by retention of $(get erase_people) people spread over the $(get seeded_people), in batches of 1,000 (rows deleted, versions emptied, one audit entry each) | $(get erase_per_second) people/s; emptying the write-ahead log after: $(get erase_scrub_ms) ms | | | report the rate |

Entries average $(get entry_bytes_average) bytes.

## Backups and restores (the same database: $(get seeded_people) people, $(get backup_entries) log entries)

| what | figure | baseline (same run) | ratio | target |
|---|---|---|---|---|
| \`warden backup\`: checkpoint, \`VACUUM INTO\` snapshot $(get backup_snapshot_seconds) s, verify $(get backup_check_seconds) s, age encryption $(get backup_encrypt_seconds) s | $(get backup_seconds) s | \`sqlite3 .backup\` of the same file: $(get backup_baseline_seconds) s | $(ratio "$(get backup_baseline_seconds)" "$(get backup_seconds)") | report; sets the shortest safe schedule |
| backup size (encrypted) | $(python3 -c "print(f'{$(get backup_bytes) / 2**20:,.0f}')") MiB | the database file: $(python3 -c "print(f'{$(get backup_database_bytes) / 2**20:,.0f}')") MiB | $(ratio "$(get backup_bytes)" "$(get backup_database_bytes)") | |
| \`warden restore --drill\`: decrypt $(get restore_decrypt_seconds) s, lineage and restore entry, verify $(get restore_verify_seconds) s | $(get restore_seconds) s | | | report |
| recovery point with the default 15-minute schedule (worst case: the interval plus one backup's time) | $(get backup_recovery_point_minutes) min | | | |
MD
