package io.peerbill.api.key;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;
import static io.peerbill.schema.jooq.Tables.API_KEY;

import io.peerbill.api.change.ExactCache;
import io.peerbill.api.error.ApiException;
import io.peerbill.peering.ErrorCode;
import io.peerbill.peering.PeeringException;
import io.peerbill.schema.jooq.tables.records.ApiKeyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Creates, revokes, lists and checks API keys: the one implementation behind {@code ./peerbill
 * api-key} and the API's operator routes.
 */
public final class ApiKeys {

  /** The PostgreSQL notification channel on which revocations are announced (payload: key id). */
  public static final String REVOKED_CHANNEL = "peerbill_api_key_revoked";

  /** Last use is written at most this often per key, so reads stay reads. */
  static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

  private final DSLContext sql;
  private final Clock clock;
  private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();

  /** Unknown ids are not kept (a null answer), so presenting random ids fills no memory. */
  private final ExactCache<String, ApiKeyRecord> cache = new ExactCache<>(row -> 1, 100_000);

  public ApiKeys(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** A key acting as {@code accountId}. */
  public IssuedKey createForAccount(String accountId, String label) {
    if (accountId == null || !sql.fetchExists(ACCOUNT, ACCOUNT.ID.eq(accountId))) {
      throw PeeringException.of(ErrorCode.UNKNOWN_ACCOUNT, "no account '%s'", accountId);
    }
    return create(ApiKey.Role.ACCOUNT, accountId, label);
  }

  /** A key for what no account may do: regions, accounts, tariffs, billing runs, keys. */
  public IssuedKey createForOperator(String label) {
    return create(ApiKey.Role.OPERATOR, null, label);
  }

  private IssuedKey create(ApiKey.Role role, String accountId, String label) {
    KeyToken token = KeyToken.generate();
    ApiKeyRecord row = sql.newRecord(API_KEY);
    row.setId(token.id());
    row.setAccountId(accountId);
    row.setRole(role.name());
    row.setSecretSha256(token.secretSha256());
    row.setLabel(label == null ? "" : label.strip());
    row.setCreatedAt(now());
    row.insert();
    return new IssuedKey(of(row), token.text());
  }

  /**
   * Revokes a key at once (the next request with it is refused, in this process and, through {@link
   * #REVOKED_CHANNEL}, in every API server that caches keys); revoking twice is a no-op.
   */
  public ApiKey revoke(String id) {
    sql.update(API_KEY)
        .set(API_KEY.REVOKED_AT, now())
        .where(API_KEY.ID.eq(id), API_KEY.REVOKED_AT.isNull())
        .execute();
    // After the update committed, so a server that hears it reads the revoked row.
    sql.execute("SELECT pg_notify(?, ?)", REVOKED_CHANNEL, id);
    cache.forget(id);
    return find(id)
        .orElseThrow(() -> ApiException.notFound("API_KEY_NOT_FOUND", "no API key '" + id + "'"));
  }

  public Optional<ApiKey> find(String id) {
    return sql.selectFrom(API_KEY).where(API_KEY.ID.eq(id)).fetchOptional().map(ApiKeys::of);
  }

  /** Every key, or an account's keys, oldest first. */
  public List<ApiKey> list(String accountId) {
    return sql.selectFrom(API_KEY)
        .where(accountId == null ? API_KEY.ID.isNotNull() : API_KEY.ACCOUNT_ID.eq(accountId))
        .orderBy(API_KEY.CREATED_AT, API_KEY.ID)
        .fetch(ApiKeys::of);
  }

  /**
   * The live key a token presents, or empty: unknown id, wrong secret and revoked key are not told
   * apart. Records the use (at most once a {@link #LAST_USE_RESOLUTION} per key).
   */
  public Optional<ApiKey> authenticate(String presented) {
    Optional<KeyToken> token = KeyToken.parse(presented);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    String id = token.get().id();
    ApiKeyRecord row =
        cache.get(id, () -> sql.selectFrom(API_KEY).where(API_KEY.ID.eq(id)).fetchOne());
    if (row == null || !token.get().matches(row.getSecretSha256()) || row.getRevokedAt() != null) {
      return Optional.empty();
    }
    recordUse(row.getId());
    return Optional.of(of(row));
  }

  /**
   * Keeps looked-up keys in memory while {@code on}: only while something delivers every revocation
   * to {@link #forget} (the API server's change notices), else a key revoked by another process
   * would stay usable here. Off clears the cache.
   */
  public void cacheKeys(boolean on) {
    cache.enable(on);
  }

  /** Drops a key from the cache (it was revoked), so the next request reads it again. */
  public void forget(String id) {
    cache.forget(id);
  }

  private void recordUse(String id) {
    Instant now = clock.instant();
    Instant last = lastRecorded.get(id);
    if (last != null && last.plus(LAST_USE_RESOLUTION).isAfter(now)) {
      return;
    }
    lastRecorded.put(id, now);
    sql.update(API_KEY).set(API_KEY.LAST_USED_AT, now()).where(API_KEY.ID.eq(id)).execute();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private static ApiKey of(ApiKeyRecord r) {
    return new ApiKey(
        r.getId(),
        r.getAccountId(),
        ApiKey.Role.valueOf(r.getRole()),
        r.getLabel(),
        instant(r.getCreatedAt()),
        instant(r.getRevokedAt()),
        instant(r.getLastUsedAt()));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
