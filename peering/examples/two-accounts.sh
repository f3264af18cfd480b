#!/usr/bin/env bash
# The README's peering session: two accounts, two VPCs in two regions, request, accept, routes on
# both ends, related routes, reachability yes/no, delete. Run from the repository root; uses a
# throwaway embedded database unless PEERBILL_HOME / PEERBILL_DB_URL say otherwise.
set -uo pipefail
export PEERBILL_HOME="${PEERBILL_HOME:-$(mktemp -d)}"

run() { # prints the command as typed, then runs it
  echo "\$ $*"
  "$@"
  local rc=$?
  [ "$rc" -eq 0 ] || echo "(exit $rc)"
  echo
}
id() { "$@" --json | jq -r "$JQ"; } # runs a command quietly, returns one field

run ./peerbill region add ap-guangzhou --name Guangzhou --geo-zone cn-mainland
run ./peerbill region add ap-singapore --name Singapore --geo-zone overseas
run ./peerbill account register 100001 --name Acme
run ./peerbill account register 100002 --name Globex
run ./peerbill account show --as 100002

export PEERBILL_ACCOUNT=100001
JQ=.vpc
VPC_A=$(id ./peerbill vpc create --region ap-guangzhou --name gz-web --cidr 10.1.0.0/16)
run ./peerbill vpc show "$VPC_A"
run ./peerbill vpc create --as 100002 --region ap-singapore --name sg-db --cidr 10.2.0.5/16
VPC_B=$(id ./peerbill vpc create --as 100002 --region ap-singapore --name sg-db --cidr 10.2.0.0/16)
run ./peerbill vpc list --as 100002
JQ=.subnet
SUBNET_A=$(id ./peerbill subnet create --vpc "$VPC_A" --name web --cidr 10.1.1.0/24)
SUBNET_B=$(id ./peerbill subnet create --as 100002 --vpc "$VPC_B" --name db --cidr 10.2.1.0/24)
run ./peerbill subnet list --vpc "$VPC_A"
run ./peerbill subnet list --as 100002 --vpc "$VPC_B"
JQ=.route_tables[0]
RTB_A=$(./peerbill vpc show "$VPC_A" --json | jq -r '.route_tables[0]' | cut -d' ' -f1)
RTB_B=$(./peerbill vpc show --as 100002 "$VPC_B" --json | jq -r '.route_tables[0]' | cut -d' ' -f1)

run ./peerbill peering create --name gz-sg --vpc "$VPC_A" --peer-account 100002 \
  --peer-vpc "$VPC_B" --peer-region ap-singapore
PCX=$(./peerbill peering create --name gz-sg --vpc "$VPC_A" --peer-account 100002 \
  --peer-vpc "$VPC_B" --peer-region ap-singapore --bandwidth 200 --json | jq -r .peering)
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
