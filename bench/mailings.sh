#!/usr/bin/env bash
# The mailings' figures for BENCHMARKS.md (issue 21): render, sign and queue MEMBERS personalised
# emails, then deliver them to a local SMTP sink (aiosmtpd, which discards what it receives).
#   bench/mailings.sh WARDEN_BENCH MEMBERS
set -euo pipefail
bench="$1"
members="$2"
out=$(mktemp)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Sink 2>/dev/null &
sink=$!
trap 'kill "$sink" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break; sleep 0.1; done
"$bench" --mailings "$members" --smtp-port "$port" > "$out"
get() { awk -v k="$1" '$1 == k {print $2}' "$out"; }
verdict() { python3 -c "print('met' if $1 else 'MISSED')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
cat <<MD

## Mailings (\`warden-bench --mailings $members\`)

| what | figure | baseline (same run) | ratio | target |
|---|---|---|---|---|
| render and queue: the send through the Gate, audience after consent and suppression, each email with its merge fields and signed unsubscribe link, a recipient row and an outbox row each, one transaction | $(get mailing_queue_per_second) emails/s ($(get mailing_queued) queued) | the same number of outbox rows of one fixed text, one bare SQLite transaction: $(get mailing_queue_baseline_per_second) /s | $(ratio "$(get mailing_queue_per_second)" "$(get mailing_queue_baseline_per_second)") | report |
| sign: each rendered email DKIM-signed with ed25519-sha256 and rsa-sha256 (2048 bits), on $(get mailing_cores) cores | $(get mailing_sign_per_second) emails/s | SHA-256 of the same bytes alone, one core: $(get mailing_hash_per_second) /s | $(ratio "$(get mailing_sign_per_second)" "$(get mailing_hash_per_second)") | report |
| render, sign and queue together | $(get mailing_render_sign_queue_per_second) emails/s | | | ≥ 2,000/s ($(verdict "$(get mailing_render_sign_queue_per_second) >= 2000")) |
| deliver to a local SMTP sink (aiosmtpd): the outbox run, batches of 100 over one connection, each signed twice and each attempt recorded | $(get mailing_delivered) in $(get mailing_deliver_seconds) s: $(get mailing_deliver_per_second) /s | 20,000 unsigned messages straight through the SMTP client, no outbox: $(get mailing_deliver_baseline_per_second) /s | $(ratio "$(get mailing_deliver_per_second)" "$(get mailing_deliver_baseline_per_second)") | report |
MD
