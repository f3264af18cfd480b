package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.VPC;
import static io.peerbill.schema.jooq.Tables.VPC_CIDR_BLOCK;

import io.peerbill.schema.jooq.tables.records.VpcRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** VPCs with their blocks, and the row locks that serialize operations on them. */
final class VpcRepository {

  private final DSLContext sql;

  VpcRepository(DSLContext sql) {
    this.sql = sql;
  }

  void insert(Vpc vpc, OffsetDateTime at) {
    sql.insertInto(VPC)
        .set(VPC.ID, vpc.id())
        .set(VPC.ACCOUNT_ID, vpc.accountId())
        .set(VPC.REGION, vpc.region())
        .set(VPC.NAME, vpc.name())
        .set(VPC.CREATED_AT, at)
        .execute();
    for (CidrBlock block : vpc.blocks()) {
      addBlock(vpc.id(), block, at);
    }
  }

  void addBlock(String vpcId, CidrBlock block, OffsetDateTime at) {
    sql.insertInto(VPC_CIDR_BLOCK)
        .set(VPC_CIDR_BLOCK.VPC_ID, vpcId)
        .set(VPC_CIDR_BLOCK.CIDR, Cidrs.toDb(block))
        .set(VPC_CIDR_BLOCK.ADDED_AT, at)
        .execute();
  }

  Optional<Vpc> find(String id) {
    return where(VPC.ID.eq(id)).stream().findFirst();
  }

  List<Vpc> ofAccount(String accountId) {
    return where(VPC.ACCOUNT_ID.eq(accountId));
  }

  List<Vpc> all(Collection<String> ids) {
    return where(VPC.ID.in(ids));
  }

  /**
   * Locks the VPC rows in id order until the transaction ends. Every operation whose rules read a
   * VPC's blocks or connections takes this lock first, so two such operations on one VPC queue. FOR
   * NO KEY UPDATE conflicts with itself yet lets unrelated rows keep referencing the VPC.
   */
  void lock(Collection<String> ids) {
    sql.select(VPC.ID)
        .from(VPC)
        .where(VPC.ID.in(new TreeSet<>(ids)))
        .orderBy(VPC.ID)
        .forNoKeyUpdate()
        .fetch();
  }

  private List<Vpc> where(Condition condition) {
    Map<String, VpcRecord> vpcs = new LinkedHashMap<>();
    sql.selectFrom(VPC).where(condition).orderBy(VPC.ID).forEach(r -> vpcs.put(r.getId(), r));
    Map<String, List<CidrBlock>> blocks = new LinkedHashMap<>();
    sql.selectFrom(VPC_CIDR_BLOCK)
        .where(VPC_CIDR_BLOCK.VPC_ID.in(vpcs.keySet()))
        .orderBy(VPC_CIDR_BLOCK.VPC_ID, VPC_CIDR_BLOCK.CIDR)
        .forEach(
            r ->
                blocks
                    .computeIfAbsent(r.getVpcId(), k -> new ArrayList<>())
                    .add(Cidrs.fromDb(r.getCidr())));
    return vpcs.values().stream()
        .map(
            r ->
                new Vpc(
                    r.getId(),
                    r.getAccountId(),
                    r.getRegion(),
                    r.getName(),
                    blocks.getOrDefault(r.getId(), List.of())))
        .toList();
  }
}
