package io.peerbill.peering;

/** A route table of a VPC; every VPC has one main table that new subnets use by default. */
public record RouteTable(String id, String vpcId, String name, boolean main) {}
