package io.peerbill.api.operator;

import io.peerbill.api.error.ApiException;
import io.peerbill.api.key.ApiKey;
import io.peerbill.api.key.ApiKeys;
import io.peerbill.api.key.IssuedKey;
import io.peerbill.api.web.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator: creates (the key is in the answer, once), lists and revokes API keys. */
@RestController
@RequestMapping("/v1/operator/api-keys")
public class ApiKeyController {

  private final ApiKeys keys;

  public ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  /** An account key ({@code account_id}) or, with {@code role: OPERATOR}, an operator key. */
  public record NewKey(String accountId, ApiKey.Role role, String label) {}

  public record CreatedKey(ApiKey key, String token) {}

  @GetMapping
  public Page<ApiKey> list(
      @RequestParam(name = "account_id", required = false) String accountId,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(keys.list(accountId), offset, limit);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public CreatedKey create(@RequestBody NewKey body) {
    ApiKey.Role role = body.role() == null ? ApiKey.Role.ACCOUNT : body.role();
    if (role == ApiKey.Role.OPERATOR && body.accountId() != null) {
      throw ApiException.invalid("an operator key acts as no account: leave account_id out");
    }
    IssuedKey issued =
        role == ApiKey.Role.OPERATOR
            ? keys.createForOperator(body.label())
            : keys.createForAccount(body.accountId(), body.label());
    return new CreatedKey(issued.key(), issued.token());
  }

  @DeleteMapping("/{keyId}")
  public ApiKey revoke(@PathVariable String keyId) {
    return keys.revoke(keyId);
  }
}
