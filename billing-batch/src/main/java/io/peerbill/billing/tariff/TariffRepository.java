package io.peerbill.billing.tariff;

import static io.peerbill.schema.jooq.Tables.TARIFF;
import static io.peerbill.schema.jooq.Tables.TARIFF_TIER;

import io.peerbill.peering.ChargeMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The tariff catalog in PostgreSQL (D7). */
@Repository
public class TariffRepository {

  private final DSLContext dsl;

  public TariffRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Stores tariffs; one with the same class and effective day as a stored one replaces it (a
   * correction). All or nothing.
   */
  @Transactional
  public void load(List<Tariff> tariffs) {
    for (Tariff tariff : tariffs) {
      long id =
          dsl.insertInto(TARIFF)
              .set(TARIFF.PAIR_CLASS, tariff.pairClass())
              .set(TARIFF.EFFECTIVE_FROM, tariff.effectiveFrom())
              .set(TARIFF.TIER_MODEL, tariff.tierModel().name())
              .set(TARIFF.CURRENCY, tariff.currency())
              .set(TARIFF.CHARGE_MODE, tariff.chargeMode().name())
              .onConflict(TARIFF.PAIR_CLASS, TARIFF.CHARGE_MODE, TARIFF.EFFECTIVE_FROM)
              .doUpdate()
              .set(TARIFF.TIER_MODEL, tariff.tierModel().name())
              .set(TARIFF.CURRENCY, tariff.currency())
              .set(TARIFF.LOADED_AT, DSL.currentOffsetDateTime())
              .returning(TARIFF.ID)
              .fetchSingle(TARIFF.ID);
      dsl.deleteFrom(TARIFF_TIER).where(TARIFF_TIER.TARIFF_ID.eq(id)).execute();
      for (TariffTier tier : tariff.tiers()) {
        dsl.insertInto(TARIFF_TIER)
            .set(TARIFF_TIER.TARIFF_ID, id)
            .set(TARIFF_TIER.FROM_MBPS, tier.fromMbps())
            .set(TARIFF_TIER.TO_MBPS, tier.toMbps())
            .set(TARIFF_TIER.UNIT_PRICE, tier.unitPrice())
            .execute();
      }
    }
  }

  /** Per region-pair class, the DAILY_PEAK tariff in force on the given day. */
  public Map<String, Tariff> inForceOn(LocalDate day) {
    return inForceOn(day, ChargeMode.DAILY_PEAK);
  }

  /**
   * Per region-pair class, the tariff of the charge mode in force on the given day: the latest
   * effective by then.
   */
  public Map<String, Tariff> inForceOn(LocalDate day, ChargeMode mode) {
    var later = TARIFF.as("later");
    // In force: effective by the day, and no other tariff of its class effective later but by then.
    var inForce =
        TARIFF
            .EFFECTIVE_FROM
            .le(day)
            .and(TARIFF.CHARGE_MODE.eq(mode.name()))
            .andNotExists(
                dsl.selectOne()
                    .from(later)
                    .where(later.PAIR_CLASS.eq(TARIFF.PAIR_CLASS))
                    .and(later.CHARGE_MODE.eq(TARIFF.CHARGE_MODE))
                    .and(later.EFFECTIVE_FROM.gt(TARIFF.EFFECTIVE_FROM))
                    .and(later.EFFECTIVE_FROM.le(day)));
    Map<String, Tariff> byClass = new LinkedHashMap<>();
    for (Tariff tariff : tariffs(inForce)) {
      byClass.put(tariff.pairClass(), tariff);
    }
    return byClass;
  }

  /** Every tariff, by class and effective day. */
  public List<Tariff> all() {
    return tariffs(DSL.trueCondition());
  }

  private List<Tariff> tariffs(org.jooq.Condition condition) {
    Result<Record> rows =
        dsl.select()
            .from(TARIFF)
            .join(TARIFF_TIER)
            .on(TARIFF_TIER.TARIFF_ID.eq(TARIFF.ID))
            .where(condition)
            .orderBy(
                TARIFF.PAIR_CLASS, TARIFF.CHARGE_MODE, TARIFF.EFFECTIVE_FROM, TARIFF_TIER.FROM_MBPS)
            .fetch();
    Map<Long, List<Record>> byTariff = new LinkedHashMap<>();
    for (Record row : rows) {
      byTariff.computeIfAbsent(row.get(TARIFF.ID), id -> new ArrayList<>()).add(row);
    }
    List<Tariff> tariffs = new ArrayList<>();
    for (List<Record> tierRows : byTariff.values()) {
      Record first = tierRows.get(0);
      tariffs.add(
          new Tariff(
              first.get(TARIFF.ID),
              first.get(TARIFF.PAIR_CLASS),
              first.get(TARIFF.EFFECTIVE_FROM),
              TierModel.valueOf(first.get(TARIFF.TIER_MODEL)),
              first.get(TARIFF.CURRENCY),
              tierRows.stream()
                  .map(
                      r ->
                          new TariffTier(
                              r.get(TARIFF_TIER.FROM_MBPS),
                              r.get(TARIFF_TIER.TO_MBPS),
                              r.get(TARIFF_TIER.UNIT_PRICE)))
                  .toList(),
              ChargeMode.valueOf(first.get(TARIFF.CHARGE_MODE))));
    }
    return tariffs;
  }
}
