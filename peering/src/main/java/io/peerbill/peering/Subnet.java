package io.peerbill.peering;

/** A block inside its VPC, associated with one route table. */
public record Subnet(String id, String vpcId, String name, CidrBlock cidr, String routeTableId) {}
