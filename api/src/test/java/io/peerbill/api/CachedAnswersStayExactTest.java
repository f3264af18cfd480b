package io.peerbill.api;

import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.change.ChangeNotices;
import io.peerbill.api.key.ApiKeys;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server answers keys and usage from memory; these prove the answers stay what the database
 * holds when another process (the stream, {@code peerbill api-key revoke}) changes it: writes here
 * go through a connection pool of their own, as another process's would, and the test waits only
 * until the server has heard the change, then asserts the answer exactly.
 */
class CachedAnswersStayExactTest extends ApiTestBase {

  @Autowired ChangeNotices notices;

  private final DSLContext elsewhere = database().dsl();

  @Test
  void d10TrafficReadAfterTheStreamWroteABucketShowsTheWrite() throws Exception {
    Party acme = party("acme");
    Party globex = party("globex");
    Connection c = activeConnection(acme, globex);
    Instant bucket = Instant.now().truncatedTo(ChronoUnit.HOURS);
    elsewhere.execute(
        "SELECT traffic_ensure_partitions(?::date, ?::date)",
        bucket.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString(),
        bucket.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).toString());
    writeBucket(c.id(), bucket, 1_000);
    String path =
        "/v1/peering-connections/"
            + c.id()
            + "/traffic?from="
            + bucket
            + "&to="
            + bucket.plus(1, ChronoUnit.HOURS);
    assertThat(inBytes(http().get(path, acme.key()))).containsExactly(1_000L);
    assertThat(inBytes(http().get(path, acme.key()))).containsExactly(1_000L);

    long before = notices.heard();
    writeBucket(c.id(), bucket, 500);
    writeBucket(c.id(), bucket.plus(5, ChronoUnit.MINUTES), 7);
    awaitHeardAfter(before);

    assertThat(inBytes(http().get(path, acme.key()))).containsExactly(1_500L, 7L);
    assertThat(inBytes(http().get(path, globex.key()))).containsExactly(1_500L, 7L);
  }

  @Test
  void aKeyRevokedByAnotherProcessIsRefusedOnceTheServerHeardIt() throws Exception {
    Party acme = party("acme");
    assertThat(http().get("/v1/account", acme.key()).status()).isEqualTo(200);
    assertThat(http().get("/v1/account", acme.key()).status()).isEqualTo(200);

    long before = notices.heard();
    String id = acme.key().substring(0, acme.key().indexOf('.'));
    new ApiKeys(elsewhere, Clock.systemUTC()).revoke(id);
    awaitHeardAfter(before);

    assertThat(http().get("/v1/account", acme.key()).status()).isEqualTo(401);
  }

  private Connection activeConnection(Party requester, Party accepter) {
    String home = region("cn-mainland");
    String away = region("cn-mainland");
    String a =
        peering
            .vpcs()
            .create(requester.id(), home, "a", List.of(CidrBlock.parse("10.1.0.0/16")))
            .id();
    String b =
        peering
            .vpcs()
            .create(accepter.id(), away, "b", List.of(CidrBlock.parse("10.2.0.0/16")))
            .id();
    Connection c =
        peering
            .connections()
            .create(
                requester.id(), new ConnectionRequest("cached", a, b, accepter.id(), away, 1000));
    return peering.connections().accept(accepter.id(), c.id());
  }

  /** Adds {@code inBytes} to a bucket as the stream's ledger does (an upsert that sums). */
  private void writeBucket(String connectionId, Instant start, long inBytes) {
    elsewhere
        .insertInto(TRAFFIC_5M)
        .columns(
            TRAFFIC_5M.CONNECTION_ID,
            TRAFFIC_5M.BUCKET_START,
            TRAFFIC_5M.IN_BYTES,
            TRAFFIC_5M.OUT_BYTES,
            TRAFFIC_5M.IN_PACKETS,
            TRAFFIC_5M.OUT_PACKETS,
            TRAFFIC_5M.IN_DROPPED,
            TRAFFIC_5M.OUT_DROPPED,
            TRAFFIC_5M.SAMPLE_COUNT)
        .values(
            connectionId,
            OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
            inBytes,
            0L,
            1L,
            0L,
            0L,
            0L,
            1)
        .onConflict(TRAFFIC_5M.CONNECTION_ID, TRAFFIC_5M.BUCKET_START)
        .doUpdate()
        .set(TRAFFIC_5M.IN_BYTES, TRAFFIC_5M.IN_BYTES.plus(inBytes))
        .execute();
  }

  private static List<Long> inBytes(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("buckets").valueStream().map(b -> b.get("in_bytes").asLong()).toList();
  }

  /** Waits (not a timed assertion: it fails only if the notice never comes) for the server. */
  private void awaitHeardAfter(long before) throws InterruptedException {
    for (int i = 0; i < 600 && notices.heard() <= before; i++) {
      Thread.sleep(100);
    }
    assertThat(notices.heard()).as("the server heard the change").isGreaterThan(before);
  }
}
