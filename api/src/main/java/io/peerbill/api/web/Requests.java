package io.peerbill.api.web;

import io.peerbill.peering.ChargeMode;
import java.util.List;

/** Request bodies of the account-scoped routes (snake_case in JSON, like every body). */
public final class Requests {

  private Requests() {}

  public record NewVpc(String region, String name, List<String> cidrs) {}

  public record NewCidr(String cidr) {}

  public record NewSubnet(String name, String cidr, String routeTableId) {}

  public record NewRouteTable(String name) {}

  public record NewRoute(String destination, String peeringConnectionId) {}

  /**
   * R10: name, own VPC, the peer's account (absent: own), VPC and region, and the cap; the charge
   * mode (D13, absent: DAILY_PEAK) is in force from the month of creation.
   */
  public record NewConnection(
      String name,
      String vpcId,
      String peerAccountId,
      String peerVpcId,
      String peerRegion,
      Integer capMbps,
      ChargeMode chargeMode) {}

  public record NewCap(Integer capMbps) {}

  /** D13: DAILY_PEAK or MONTHLY_95TH, from the next calendar month in the billing zone. */
  public record NewChargeMode(ChargeMode chargeMode) {}
}
