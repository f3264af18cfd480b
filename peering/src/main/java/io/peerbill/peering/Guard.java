package io.peerbill.peering;

import org.jooq.DSLContext;

/** The authorisation checks every operation starts with (D2), inside its transaction. */
final class Guard {

  private final DirectoryRepository directory;
  private final VpcRepository vpcs;
  private final NetworkRepository network;

  Guard(DSLContext tx) {
    this.directory = new DirectoryRepository(tx);
    this.vpcs = new VpcRepository(tx);
    this.network = new NetworkRepository(tx);
  }

  /** The acting account must be named and exist. */
  String actor(String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw PeeringException.of(
          ErrorCode.NO_ACTING_ACCOUNT,
          "every operation names its acting account (--as ACCOUNT or PEERBILL_ACCOUNT)");
    }
    if (directory.account(accountId).isEmpty()) {
      throw PeeringException.of(ErrorCode.UNKNOWN_ACCOUNT, "no account '%s'", accountId);
    }
    return accountId;
  }

  /** A VPC of the acting account; someone else's VPC is reported exactly like a missing one. */
  Vpc ownVpc(String actor, String vpcId) {
    return vpcs.find(vpcId)
        .filter(v -> v.accountId().equals(actor))
        .orElseThrow(
            () ->
                PeeringException.of(
                    ErrorCode.VPC_NOT_FOUND, "account %s has no VPC '%s'", actor, vpcId));
  }

  RouteTable ownRouteTable(String actor, String routeTableId) {
    RouteTable table =
        network.routeTable(routeTableId).orElseThrow(() -> noRouteTable(actor, routeTableId));
    if (vpcs.find(table.vpcId()).filter(v -> v.accountId().equals(actor)).isEmpty()) {
      throw noRouteTable(actor, routeTableId);
    }
    return table;
  }

  Subnet ownSubnet(String actor, String subnetId) {
    Subnet subnet = network.subnet(subnetId).orElseThrow(() -> noSubnet(actor, subnetId));
    if (vpcs.find(subnet.vpcId()).filter(v -> v.accountId().equals(actor)).isEmpty()) {
      throw noSubnet(actor, subnetId);
    }
    return subnet;
  }

  private static PeeringException noRouteTable(String actor, String id) {
    return PeeringException.of(
        ErrorCode.ROUTE_TABLE_NOT_FOUND, "account %s has no route table '%s'", actor, id);
  }

  private static PeeringException noSubnet(String actor, String id) {
    return PeeringException.of(
        ErrorCode.SUBNET_NOT_FOUND, "account %s has no subnet '%s'", actor, id);
  }
}
