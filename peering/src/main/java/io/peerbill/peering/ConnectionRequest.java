package io.peerbill.peering;

/**
 * What a requester fills in (R10): a name, its own VPC, the peer VPC with its account (null or the
 * requester's own for same-account) and region (null: the peer VPC's), and the bandwidth cap
 * (required cross-region, absent same-region).
 */
public record ConnectionRequest(
    String name,
    String requesterVpcId,
    String accepterVpcId,
    String peerAccountId,
    String peerRegion,
    Integer capMbps) {}
