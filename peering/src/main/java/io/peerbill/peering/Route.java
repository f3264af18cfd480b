package io.peerbill.peering;

/** A route entry: traffic to {@code destination} goes through the peering connection. */
public record Route(long id, String routeTableId, CidrBlock destination, String connectionId) {}
