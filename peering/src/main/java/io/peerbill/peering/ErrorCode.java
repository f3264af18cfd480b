package io.peerbill.peering;

/**
 * Stable codes of every refusal, each with the rule (DOMAIN.md) or input check it enforces. Codes
 * are part of the interface: scripts may match on them, so they are never renamed.
 */
public enum ErrorCode {
  INVALID_INPUT("input"),
  INVALID_CIDR("input"),
  CIDR_NOT_ALIGNED("input"),
  INVALID_ADDRESS("input"),
  NO_ACTING_ACCOUNT("D2"),
  UNKNOWN_ACCOUNT("D2"),
  ACCOUNT_EXISTS("R15"),
  UNKNOWN_REGION("R10"),
  REGION_EXISTS("R10"),
  NOT_AUTHORIZED("D2"),
  VPC_NOT_FOUND("D2"),
  VPC_BLOCK_OVERLAP("input"),
  SUBNET_NOT_FOUND("D2"),
  SUBNET_OUTSIDE_VPC("input"),
  SUBNET_OVERLAP("input"),
  ROUTE_TABLE_NOT_FOUND("D2"),
  CONNECTION_NOT_FOUND("D2"),
  SELF_PEERING("R10"),
  ALREADY_PEERED("R2"),
  CIDR_OVERLAP("R4"),
  PEER_CIDR_OVERLAP("R5"),
  LIMIT_EXCEEDED("R8"),
  CAP_REQUIRED("R16"),
  CAP_NOT_ALLOWED("R16"),
  CAP_OUT_OF_RANGE("D3"),
  CHARGE_MODE_NOT_ALLOWED("D13"),
  INVALID_STATE("D1"),
  REQUEST_EXPIRED("R6"),
  CONNECTION_NOT_LIVE("R7"),
  ROUTE_OUTSIDE_PEER("R2"),
  ROUTE_EXISTS("R2"),
  ROUTE_NOT_FOUND("R2");

  private final String rule;

  ErrorCode(String rule) {
    this.rule = rule;
  }

  /** The rule id of DOMAIN.md this code enforces, or "input" for malformed input. */
  public String rule() {
    return rule;
  }
}
