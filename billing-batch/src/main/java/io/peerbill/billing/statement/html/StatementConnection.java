package io.peerbill.billing.statement.html;

/** What a statement shows of a connection besides its bill line. */
public record StatementConnection(
    String id, String name, String requesterRegion, String accepterRegion, boolean crossRegion) {

  /** e.g. "ap-guangzhou → ap-beijing". */
  public String regionPair() {
    return requesterRegion + " → " + accepterRegion;
  }
}
