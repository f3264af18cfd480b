package io.peerbill.peering;

import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;

/** Accounts (whose ids peers exchange, R15) and regions with their geo zones. */
public final class Directory {

  private static final String ACCOUNT_ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
  private static final String REGION_CODE = "[a-z0-9][a-z0-9-]{0,63}";

  private final DSLContext sql;
  private final Clock clock;

  public Directory(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  public Account registerAccount(String id, String name) {
    if (id == null || !id.matches(ACCOUNT_ID)) {
      throw PeeringException.of(
          ErrorCode.INVALID_INPUT,
          "account id '%s' must be 1-64 letters, digits, '_' or '-', starting alphanumeric",
          id);
    }
    Account account = new Account(id, name == null || name.isBlank() ? id : name.strip());
    if (!new DirectoryRepository(sql).insertAccount(account, DbTime.now(clock))) {
      throw PeeringException.of(ErrorCode.ACCOUNT_EXISTS, "account '%s' already exists", id);
    }
    return account;
  }

  /** The acting account, to give its id to a peer (R15). */
  public Account account(String actor) {
    String id = new Guard(sql).actor(actor);
    return new DirectoryRepository(sql).account(id).orElseThrow();
  }

  public List<Account> accounts() {
    return new DirectoryRepository(sql).accounts();
  }

  public Region registerRegion(String code, String name, String geoZone) {
    for (String value : new String[] {code, geoZone}) {
      if (value == null || !value.matches(REGION_CODE)) {
        throw PeeringException.of(
            ErrorCode.INVALID_INPUT,
            "region code and geo zone must be lowercase letters, digits and '-', got '%s'",
            value);
      }
    }
    Region region = new Region(code, name == null || name.isBlank() ? code : name.strip(), geoZone);
    if (!new DirectoryRepository(sql).insertRegion(region)) {
      throw PeeringException.of(ErrorCode.REGION_EXISTS, "region '%s' already exists", code);
    }
    return region;
  }

  public List<Region> regions() {
    return new DirectoryRepository(sql).regions();
  }
}
