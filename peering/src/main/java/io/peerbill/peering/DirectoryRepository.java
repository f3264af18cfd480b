package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;
import static io.peerbill.schema.jooq.Tables.REGION;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Accounts and regions as stored. */
final class DirectoryRepository {

  private final DSLContext sql;

  DirectoryRepository(DSLContext sql) {
    this.sql = sql;
  }

  boolean insertAccount(Account account, OffsetDateTime at) {
    return sql.insertInto(ACCOUNT)
            .set(ACCOUNT.ID, account.id())
            .set(ACCOUNT.NAME, account.name())
            .set(ACCOUNT.CREATED_AT, at)
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  Optional<Account> account(String id) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.ID.eq(id))
        .fetchOptional(r -> new Account(r.getId(), r.getName()));
  }

  List<Account> accounts() {
    return sql.selectFrom(ACCOUNT)
        .orderBy(ACCOUNT.ID)
        .fetch(r -> new Account(r.getId(), r.getName()));
  }

  boolean insertRegion(Region region) {
    return sql.insertInto(REGION)
            .set(REGION.CODE, region.code())
            .set(REGION.NAME, region.name())
            .set(REGION.GEO_ZONE, region.geoZone())
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  Optional<Region> region(String code) {
    return sql.selectFrom(REGION)
        .where(REGION.CODE.eq(code))
        .fetchOptional(r -> new Region(r.getCode(), r.getName(), r.getGeoZone()));
  }

  List<Region> regions() {
    return sql.selectFrom(REGION)
        .orderBy(REGION.CODE)
        .fetch(r -> new Region(r.getCode(), r.getName(), r.getGeoZone()));
  }
}
