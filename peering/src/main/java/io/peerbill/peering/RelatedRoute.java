package io.peerbill.peering;

import java.util.List;

/** A route whose next hop is a given connection, with where it lives and who uses it (R13). */
public record RelatedRoute(
    String vpcId, String routeTableId, CidrBlock destination, List<Subnet> subnets) {

  public RelatedRoute {
    subnets = List.copyOf(subnets);
  }
}
