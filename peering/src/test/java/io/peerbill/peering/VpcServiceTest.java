package io.peerbill.peering;

import static io.peerbill.peering.Refusals.refused;
import static io.peerbill.peering.SmallWorld.ACME;
import static io.peerbill.peering.SmallWorld.GUANGZHOU;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** VPCs, their blocks and subnets. */
@ExtendWith(PostgresExtension.class)
class VpcServiceTest {

  @Test
  void vpcWithSeveralBlocksGetsAMainRouteTable(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc vpc = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16", "192.168.0.0/24");
    assertThat(vpc.id()).matches("vpc-[a-z0-9]{8}");
    assertThat(w.peering().vpcs().show(ACME, vpc.id()).blocks())
        .containsExactly(CidrBlock.parse("10.0.0.0/16"), CidrBlock.parse("192.168.0.0/24"));
    List<RouteTable> tables = w.peering().vpcs().routeTables(ACME, vpc.id());
    assertThat(tables).singleElement().satisfies(t -> assertThat(t.main()).isTrue());
    assertThat(tables.get(0).id()).matches("rtb-[a-z0-9]{8}");
  }

  @Test
  void vpcBlocksMustNotOverlapEachOtherAndRegionMustExist(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    refused(
        ErrorCode.VPC_BLOCK_OVERLAP, () -> w.vpc(ACME, GUANGZHOU, "10.0.0.0/16", "10.0.3.0/24"));
    refused(ErrorCode.UNKNOWN_REGION, () -> w.vpc(ACME, "mars-1", "10.0.0.0/16"));
    refused(ErrorCode.INVALID_INPUT, () -> w.vpc(ACME, GUANGZHOU));
    Vpc vpc = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    refused(
        ErrorCode.VPC_BLOCK_OVERLAP,
        () -> w.peering().vpcs().addBlock(ACME, vpc.id(), CidrBlock.parse("10.0.0.0/8")));
  }

  @Test
  void subnetLiesInOneBlockAndOverlapsNoSibling(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc vpc = w.vpc(ACME, GUANGZHOU, "10.0.0.0/24", "10.0.1.0/24");
    Subnet first = w.subnet(vpc, "10.0.0.0/25");
    assertThat(first.id()).matches("subnet-[a-z0-9]{8}");
    assertThat(first.routeTableId()).isEqualTo(w.mainTable(vpc));
    w.subnet(vpc, "10.0.1.0/24");
    // Inside the union of two adjacent blocks, but not inside one of them.
    refused(ErrorCode.SUBNET_OUTSIDE_VPC, () -> w.subnet(vpc, "10.0.0.0/23"));
    refused(ErrorCode.SUBNET_OVERLAP, () -> w.subnet(vpc, "10.0.0.64/26"));
    assertThat(w.peering().vpcs().subnets(ACME, vpc.id())).hasSize(2);
  }

  @Test
  void accountShowGivesTheIdToHandToAPeer_R15(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    assertThat(w.peering().directory().account(ACME)).isEqualTo(new Account(ACME, "Acme"));
    refused(ErrorCode.ACCOUNT_EXISTS, () -> w.peering().directory().registerAccount(ACME, "again"));
    refused(ErrorCode.INVALID_INPUT, () -> w.peering().directory().registerAccount("bad id", "x"));
    assertThat(w.peering().directory().regions())
        .extracting(Region::geoZone)
        .containsExactly("cn-mainland", "cn-mainland", "overseas");
  }
}
