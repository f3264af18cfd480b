#!/usr/bin/env bash
# The README's peering session: two accounts, two VPCs in two regions, request, accept, routes on
# both ends, related routes, reachability yes/no, delete. Run from the repository root; uses a
# throwaway embedded database unless PEERBILL_HOME / PEERBILL_DB_URL say otherwise.
set -uo pipefail
export PEERBILL_HOME="${PEERBILL_HOME:-$(mktemp -d)}"

run() { # prints the command as typed, runs it, prints its output
  echo "\$ $*"
  "$@"
  local rc=$?
  [ "$rc" -eq 0 ] || echo "(exit $rc)"
  echo
}
keep() { # keep VAR FIELD command...: like run, and sets VAR to the record's FIELD
  local var=$1 field=$2 out
  shift 2
  echo "\$ $*"
  out=$("$@")
  echo "$out"
  echo
  printf -v "$var" '%s' "$(awk -v f="$field:" '$1 == f {print $2; exit}' <<<"$out")"
}

run ./peerbill region add ap-guangzhou --name Guangzhou --geo-zone cn-mainland
run ./peerbill region add ap-singapore --name Singapore --geo-zone overseas
run ./peerbill account register 100001 --name Acme
run ./peerbill account register 100002 --name Globex
run ./peerbill account show --as 100002

keep VPC_A vpc ./peerbill vpc create --as 100001 --region ap-guangzhou --name gz-web --cidr 10.1.0.0/16
run ./peerbill vpc create --as 100002 --region ap-singapore --name sg-db --cidr 10.2.0.5/16
keep VPC_B vpc ./peerbill vpc create --as 100002 --region ap-singapore --name sg-db --cidr 10.2.0.0/16
keep SUBNET_A subnet ./peerbill subnet create --as 100001 --vpc "$VPC_A" --name web --cidr 10.1.1.0/24
run ./peerbill route tables --as 100001 --vpc "$VPC_A"
RTB_A=$(./peerbill route tables --as 100001 --vpc "$VPC_A" --json | jq -r '.[0].route_table')
keep SUBNET_B subnet ./peerbill subnet create --as 100002 --vpc "$VPC_B" --name db --cidr 10.2.1.0/24
RTB_B=$(./peerbill route tables --as 100002 --vpc "$VPC_B" --json | jq -r '.[0].route_table')

# Acme acts from here on unless --as says otherwise.
export PEERBILL_ACCOUNT=100001
run ./peerbill peering create --name gz-sg --vpc "$VPC_A" --peer-account 100002 \
  --peer-vpc "$VPC_B" --peer-region ap-singapore
keep PCX peering ./peerbill peering create --name gz-sg --vpc "$VPC_A" --peer-account 100002 \
  --peer-vpc "$VPC_B" --peer-region ap-singapore --bandwidth 200
run ./peerbill peering list --as 100002
run ./peerbill peering accept --as 100002 "$PCX"

run ./peerbill route add --table "$RTB_A" --destination 10.2.0.0/16 --peering "$PCX"
run ./peerbill peering can-reach --from "$SUBNET_A" --to 10.2.1.20
run ./peerbill route add --as 100002 --table "$RTB_B" --destination 10.1.1.0/24 --peering "$PCX"
run ./peerbill peering can-reach --from "$SUBNET_A" --to 10.2.1.20
run ./peerbill peering can-reach --as 100002 --from "$SUBNET_B" --to 10.1.1.7
run ./peerbill peering routes "$PCX"
run ./peerbill peering routes --as 100002 "$PCX" --json

run ./peerbill peering set-cap "$PCX" 500
run ./peerbill peering delete --as 100002 "$PCX"
run ./peerbill peering can-reach --from "$SUBNET_A" --to 10.2.1.20
run ./peerbill peering show "$PCX"
run ./peerbill peering active "$PCX" --from "$(date -u +%Y-%m-%dT00:00:00Z)" \
  --to "$(date -u -d tomorrow +%Y-%m-%dT00:00:00Z)"
