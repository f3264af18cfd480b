package io.peerbill.peering;

import java.time.Instant;

/** A peering connection as stored: its two ends, scope, state and current cap. */
public record Connection(
    String id,
    String name,
    String requesterVpcId,
    String requesterAccountId,
    String requesterRegion,
    String accepterVpcId,
    String accepterAccountId,
    String accepterRegion,
    Scope scope,
    ConnectionState state,
    Integer capMbps,
    Instant createdAt,
    Instant acceptedAt,
    Instant expiresAt,
    Instant endedAt) {

  public boolean joins(String vpcId) {
    return requesterVpcId.equals(vpcId) || accepterVpcId.equals(vpcId);
  }

  /** The VPC at the other end from {@code vpcId}. */
  public String otherEnd(String vpcId) {
    return requesterVpcId.equals(vpcId) ? accepterVpcId : requesterVpcId;
  }

  public boolean isCrossRegion() {
    return scope == Scope.CROSS_REGION;
  }

  public boolean involvesAccount(String accountId) {
    return requesterAccountId.equals(accountId) || accepterAccountId.equals(accountId);
  }
}
