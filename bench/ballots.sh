#!/usr/bin/env bash
# The ballots' figures for BENCHMARKS.md (issue 20): casting for a 50,000-member electorate, and
# the count of 50,000 ballots with 12 candidates for 5 seats.
#   bench/ballots.sh WARDEN_BENCH VOTERS
set -euo pipefail
bench="$1"
voters="$2"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bench" --ballots "$voters" > "$out"
get() { awk -v k="$1" '$1 == k {print $2}' "$out"; }
verdict() { python3 -c "print('met' if $1 else 'MISSED')"; }
cat <<MD

## Ballots (\`warden-bench --ballots $voters\`)

| what | figure | baseline (same run) | ratio | target |
|---|---|---|---|---|
| freezing an electorate of $(get ballot_voters) members (keyed references, Merkle root, contacts held, key split) | $(get ballot_freeze_seconds) s | | | report |
| issuing credentials in person, 64 at once (each hashed, noticed, logged) | $(get ballot_issue_per_second) /s | | | report |
| casting, 64 voters at once: sealed with HPKE, credential spent and box written together, tracker on the board | $(get ballot_cast_per_second) ballots/s | the same two writes as bare SQLite transactions, one at a time: $(get ballot_cast_baseline_per_second) /s | $(python3 -c "print(f'{$(get ballot_cast_per_second) / $(get ballot_cast_baseline_per_second):.2f}')") | ≥ 200 ballots/s ($(verdict "$(get ballot_cast_per_second) >= 200")) |
| the count of $(get ballot_voters) ballots, 12 candidates, 5 seats: key opened from two shares, every ballot opened, counted, published; tallies agree: $(get ballot_count_tallies) | $(get ballot_count_seconds) s | opening as many sealed rankings alone (HPKE): $(get ballot_open_seconds) s; counting the rankings in memory: $(get ballot_count_memory_seconds) s | $(python3 -c "print(f'{$(get ballot_open_seconds) / $(get ballot_count_seconds):.2f}')") (to opening) | < 10 s ($(verdict "$(get ballot_count_seconds) < 10")) |
MD
