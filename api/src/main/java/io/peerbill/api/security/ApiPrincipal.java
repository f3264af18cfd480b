package io.peerbill.api.security;

import io.peerbill.api.key.ApiKey;

/** Who a request acts as: the key it presented; an account key acts as its account (D2). */
public record ApiPrincipal(String keyId, ApiKey.Role role, String accountId) {

  /** The acting account of an account-scoped route (such routes admit account keys only). */
  public String actor() {
    return accountId;
  }
}
