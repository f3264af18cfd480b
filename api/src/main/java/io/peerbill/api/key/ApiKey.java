package io.peerbill.api.key;

import java.time.Instant;

/**
 * A stored API key as an operator sees it (never its secret): an account key acts as {@code
 * accountId}; an operator key has none.
 */
public record ApiKey(
    String id,
    String accountId,
    Role role,
    String label,
    Instant createdAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  /** What a key may do. */
  public enum Role {
    ACCOUNT,
    OPERATOR
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
