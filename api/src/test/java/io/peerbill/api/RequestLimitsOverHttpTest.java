package io.peerbill.api;

import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.Http.Response;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance window (R6) and the connections-per-VPC limit (R8) over HTTP: refusals arrive as
 * {@code {"code":..., "rule":..., "message":...}} with the codes the CLI prints.
 */
class RequestLimitsOverHttpTest extends ApiTestBase {

  @Autowired DSLContext dsl;

  Http http;
  Party acme;
  Party globex;
  String guangzhou;
  String singapore;

  @BeforeEach
  void world() {
    http = http();
    acme = party("acme");
    globex = party("globex");
    guangzhou = region("cn-mainland");
    singapore = region("overseas");
  }

  @Test
  void anUnansweredRequestExpiresAfterSevenDaysAndCannotBeAcceptedThen_R6() {
    String mine = vpcOverHttp(acme, guangzhou, "10.1.0.0/16");
    String theirs = vpcOverHttp(globex, singapore, "10.2.0.0/16");
    JsonNode created = created(request(mine, theirs));
    String id = created.get("id").asString();
    Instant createdAt = Instant.parse(created.get("created_at").asString());
    Instant expiresAt = Instant.parse(created.get("expires_at").asString());
    assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.ofDays(7));

    madeDaysAgo(id, 8); // as if it had waited eight days unanswered

    assertRefused(http.post(pcx(id) + "/accept", globex.key(), null), 409, "REQUEST_EXPIRED", "R6");
    assertRefused(http.post(pcx(id) + "/reject", globex.key(), null), 409, "REQUEST_EXPIRED", "R6");
    JsonNode shown = http.get(pcx(id), globex.key()).json();
    assertThat(shown.get("connection").get("state").asString()).isEqualTo("EXPIRED");
    JsonNode expiry = shown.get("history").get(1);
    assertThat(expiry.get("from").asString()).isEqualTo("PENDING_ACCEPTANCE");
    assertThat(expiry.get("to").asString()).isEqualTo("EXPIRED");
    assertThat(Instant.parse(expiry.get("at").asString()))
        .isEqualTo(expiresAt.minus(Duration.ofDays(8)));
    JsonNode listed = http.get("/v1/peering-connections", acme.key()).json().get("items");
    assertThat(listed.get(0).get("state").asString()).isEqualTo("EXPIRED");
    // The lapsed request no longer blocks the pair: a new one may be made.
    assertThat(http.post("/v1/peering-connections", acme.key(), request(mine, theirs)).status())
        .isEqualTo(201);
  }

  @Test
  void aVpcHasAtMostTenConnectionsPendingOnesCounted_R8() {
    String hub = vpcOverHttp(acme, guangzhou, "10.0.0.0/16");
    for (int i = 1; i <= 9; i++) {
      String spoke = vpcOverHttp(acme, guangzhou, "10." + i + ".0.0/16");
      JsonNode own = created(ownPeering(hub, spoke));
      assertThat(own.get("state").asString()).isEqualTo("ACTIVE"); // R9
    }
    String theirs = vpcOverHttp(globex, singapore, "10.20.0.0/16");
    String pending = created(request(hub, theirs)).get("id").asString();
    String eleventh = vpcOverHttp(acme, guangzhou, "10.30.0.0/16");

    assertRefused(
        http.post("/v1/peering-connections", acme.key(), ownPeering(hub, eleventh)),
        409,
        "LIMIT_EXCEEDED",
        "R8");

    assertThat(http.post(pcx(pending) + "/withdraw", acme.key(), null).status()).isEqualTo(200);
    assertThat(created(ownPeering(hub, eleventh)).get("state").asString()).isEqualTo("ACTIVE");
  }

  /** Moves the connection's creation and window back by {@code days}, as time passing would. */
  private void madeDaysAgo(String id, int days) {
    var shift = org.jooq.impl.DSL.field("interval '" + days + " days'", Object.class);
    dsl.update(PEERING_CONNECTION)
        .set(
            PEERING_CONNECTION.CREATED_AT,
            org.jooq.impl.DSL.field(
                "{0} - {1}",
                PEERING_CONNECTION.CREATED_AT.getType(), PEERING_CONNECTION.CREATED_AT, shift))
        .set(
            PEERING_CONNECTION.EXPIRES_AT,
            org.jooq.impl.DSL.field(
                "{0} - {1}",
                PEERING_CONNECTION.EXPIRES_AT.getType(), PEERING_CONNECTION.EXPIRES_AT, shift))
        .where(PEERING_CONNECTION.ID.eq(id))
        .execute();
    dsl.update(PEERING_EVENT)
        .set(
            PEERING_EVENT.OCCURRED_AT,
            org.jooq.impl.DSL.field(
                "{0} - {1}", PEERING_EVENT.OCCURRED_AT.getType(), PEERING_EVENT.OCCURRED_AT, shift))
        .where(PEERING_EVENT.CONNECTION_ID.eq(id))
        .execute();
  }

  private JsonNode created(String body) {
    Response r = http.post("/v1/peering-connections", acme.key(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private String request(String vpc, String peerVpc) {
    return "{\"name\":\"gz-sg\",\"vpc_id\":\""
        + vpc
        + "\",\"peer_account_id\":\""
        + globex.id()
        + "\",\"peer_vpc_id\":\""
        + peerVpc
        + "\",\"peer_region\":\""
        + singapore
        + "\",\"cap_mbps\":100}";
  }

  private static String ownPeering(String vpc, String peerVpc) {
    return "{\"name\":\"own\",\"vpc_id\":\"" + vpc + "\",\"peer_vpc_id\":\"" + peerVpc + "\"}";
  }

  private static String pcx(String id) {
    return "/v1/peering-connections/" + id;
  }
}
