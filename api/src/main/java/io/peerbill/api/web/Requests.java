package io.peerbill.api.web;

import java.util.List;

/** Request bodies of the account-scoped routes (snake_case in JSON, like every body). */
public final class Requests {

  private Requests() {}

  public record NewVpc(String region, String name, List<String> cidrs) {}

  public record NewCidr(String cidr) {}

  public record NewSubnet(String name, String cidr, String routeTableId) {}

  public record NewRouteTable(String name) {}

  public record NewRoute(String destination, String peeringConnectionId) {}

  /** R10: name, own VPC, the peer's account (absent: own), VPC and region, and the cap. */
  public record NewConnection(
      String name,
      String vpcId,
      String peerAccountId,
      String peerVpcId,
      String peerRegion,
      Integer capMbps) {}

  public record NewCap(Integer capMbps) {}
}
