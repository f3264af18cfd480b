#!/usr/bin/env bash
# The README's API session: after ./peerbill demo, an operator key (CLI), the API, then curl.
# Usage: PEERBILL_HOME=/tmp/some-home api/examples/curl-session.sh   (prints what it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PEERBILL_HOME:?set PEERBILL_HOME to a throwaway folder}"
port=${PORT:-8480}
./peerbill demo >/dev/null
show() { echo "\$ $*"; }
show ./peerbill api-key create --operator --label finance
op_out=$(./peerbill api-key create --operator --label finance); echo "$op_out"; echo
OP=$(awk '/^key:/ {print $2}' <<<"$op_out")
./peerbill api --port "$port" >"$PEERBILL_HOME/api.log" 2>&1 &
api=$!
trap 'kill $api' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/v3/api-docs"; do sleep 1; done
api_url="http://127.0.0.1:$port"
call() { # call METHOD PATH KEYVAR [JSON]
  local method=$1 path=$2 keyvar=$3 body=${4:-}
  if [ -n "$body" ]; then
    echo "\$ curl -s -X $method -H \"Authorization: Bearer \$$keyvar\" -H 'Content-Type: application/json' -d '$body' $api_url$path"
    curl -s -X "$method" -H "Authorization: Bearer ${!keyvar}" -H 'Content-Type: application/json' -d "$body" "$api_url$path"
  else
    echo "\$ curl -s -X $method -H \"Authorization: Bearer \$$keyvar\" $api_url$path"
    curl -s -X "$method" -H "Authorization: Bearer ${!keyvar}" "$api_url$path"
  fi
  echo; echo
}
echo "\$ curl -s $api_url/v1/account"; curl -s "$api_url/v1/account"; echo; echo
created=$(call POST /v1/operator/api-keys OP '{"account_id":"100000000001","label":"acme scripts"}')
echo "$created"
KEY=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$created")
call GET /v1/account KEY
call GET /v1/operator/accounts KEY
vpc=$(call POST /v1/vpcs KEY '{"region":"ap-shanghai","name":"acme-sh","cidrs":["10.60.0.0/16"]}')
echo "$vpc"
new_vpc=$(sed -n 's/.*"id":"\(vpc-[a-z0-9]*\)".*/\1/p' <<<"$vpc" | head -1)
web=$(curl -s -H "Authorization: Bearer $KEY" "$api_url/v1/vpcs?limit=10" | jq -r '.items[] | select(.name=="acme-web") | .id')
call POST /v1/peering-connections KEY "{\"name\":\"sh-gz\",\"vpc_id\":\"$new_vpc\",\"peer_vpc_id\":\"$web\",\"peer_region\":\"ap-guangzhou\"}"
call POST /v1/peering-connections KEY "{\"name\":\"sh-gz\",\"vpc_id\":\"$new_vpc\",\"peer_vpc_id\":\"$web\",\"peer_region\":\"ap-guangzhou\",\"cap_mbps\":100}"
gzbj=$(curl -s -H "Authorization: Bearer $KEY" "$api_url/v1/peering-connections?limit=100" | jq -r '.items[] | select(.name=="acme-gz-bj") | .id')
echo "\$ curl -s -H \"Authorization: Bearer \$KEY\" '$api_url/v1/peering-connections/$gzbj/traffic?from=2026-11-25T16:00:00%2B08:00&to=2026-11-25T16:15:00%2B08:00&period=300s' | jq -c '.coverage, .buckets[0]'"
curl -s -H "Authorization: Bearer $KEY" "$api_url/v1/peering-connections/$gzbj/traffic?from=2026-11-25T16:00:00%2B08:00&to=2026-11-25T16:15:00%2B08:00&period=300s" | jq -c '.coverage, .buckets[0]'
echo
echo "\$ curl -s -H \"Authorization: Bearer \$KEY\" '$api_url/v1/bills?date=2026-11-25' | jq -c '.total, (.items[] | [.connection_id, .status, .billed_mbps, .amount, .currency, .coverage])'"
curl -s -H "Authorization: Bearer $KEY" "$api_url/v1/bills?date=2026-11-25" | jq -c '.total, (.items[] | [.connection_id, .status, .billed_mbps, .amount, .currency, .coverage])'
echo
call GET /v1/statements/2026-11-25/csv KEY
