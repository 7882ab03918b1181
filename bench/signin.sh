# Sourced by the HTTP benchmarks. signin WARDEN DB PORT USER PASSWORD prints a session token.
# A second-factor code is good once: when this 30-second step's code was already used (by
# the demo's own seeding, say), it waits for the next step.
signin() {
  local warden=$1 db=$2 port=$3 user=$4 password=$5 code
  for _ in 1 2 3; do
    code=$("$warden" account code "$user" --db "$db")
    curl -sf -X POST "http://127.0.0.1:$port/api/v1/session" -H 'content-type: application/json' \
      -d "{\"username\":\"$user\",\"password\":\"$password\",\"totp\":\"$code\"}" \
      | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])' 2>/dev/null && return 0
    sleep $(( 31 - $(date +%s) % 30 ))  # into the next 30-second step
  done
  return 1
}
