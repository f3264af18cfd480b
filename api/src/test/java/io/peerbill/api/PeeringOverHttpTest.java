package io.peerbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.Http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A cross-account peering over HTTP with two accounts' keys (issue 14): request, acceptance by the
 * peer, routes on both ends, reachability, a cap change, deletion by the accepter; and each refusal
 * of the domain rules arriving with its code and rule id.
 */
class PeeringOverHttpTest extends ApiTestBase {

  Http http;
  Party acme;
  Party globex;
  String guangzhou;
  String singapore;
  String beijing;

  @BeforeEach
  void world() {
    http = http();
    acme = party("acme");
    globex = party("globex");
    guangzhou = region("cn-mainland");
    beijing = region("cn-mainland");
    singapore = region("overseas");
  }

  @Test
  void crossAccountPeeringLivesAndDiesOverHttp_R2_R6_R7_R9_R13_R16() {
    String gzWeb = vpcOverHttp(acme, guangzhou, "10.1.0.0/16");
    String sgDb = vpcOverHttp(globex, singapore, "10.2.0.0/16");
    String web = subnet(acme, gzWeb, "10.1.1.0/24");
    String db = subnet(globex, sgDb, "10.2.1.0/24");

    Response created = http.post("/v1/peering-connections", acme.key(), request(gzWeb, sgDb, 200));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode pcx = created.json();
    String id = pcx.get("id").asString();
    assertThat(pcx.get("state").asString()).isEqualTo("PENDING_ACCEPTANCE"); // R6, R9
    assertThat(pcx.get("expires_at").asString()).endsWith("Z");
    assertThat(ids(http.get("/v1/peering-connections", globex.key()))).contains(id);

    assertThat(post("/v1/peering-connections/" + id + "/accept", globex).get("state").asString())
        .isEqualTo("ACTIVE");

    String gzTable = routeTableOf(acme, web, gzWeb);
    String sgTable = routeTableOf(globex, db, sgDb);
    assertThat(route(acme, gzTable, "10.2.0.0/16", id).status()).isEqualTo(201);
    JsonNode oneWay = canReach(acme, web, "10.2.1.20");
    assertThat(oneWay.get("reachable").asBoolean()).isFalse(); // R2: no return route yet
    assertThat(oneWay.get("why").asString()).doesNotContain(sgTable).doesNotContain(db);
    assertThat(route(globex, sgTable, "10.1.1.0/24", id).status()).isEqualTo(201);
    assertThat(canReach(acme, web, "10.2.1.20").get("reachable").asBoolean()).isTrue();
    assertThat(canReach(globex, db, "10.1.1.7").get("reachable").asBoolean()).isTrue();

    // R13: the routes via the connection in the caller's own route tables, never the peer's.
    JsonNode related = http.get("/v1/peering-connections/" + id + "/routes", acme.key()).json();
    assertThat(related.size()).isEqualTo(1);
    assertThat(related.get(0).get("route_table_id").asString()).isEqualTo(gzTable);
    assertThat(related.get(0).get("destination").asString()).isEqualTo("10.2.0.0/16");

    Response capped =
        http.put("/v1/peering-connections/" + id + "/cap", acme.key(), "{\"cap_mbps\":500}");
    assertThat(capped.json().get("cap_mbps").asInt()).isEqualTo(500); // R16
    JsonNode shown = http.get("/v1/peering-connections/" + id, globex.key()).json();
    assertThat(shown.get("caps").size()).isEqualTo(2);
    assertThat(shown.get("caps").get(1).get("cap_mbps").asInt()).isEqualTo(500);

    Response deleted = http.delete("/v1/peering-connections/" + id, globex.key());
    assertThat(deleted.json().get("state").asString()).isEqualTo("DELETED"); // R7: either end
    assertThat(canReach(acme, web, "10.2.1.20").get("reachable").asBoolean()).isFalse();
    JsonNode history = http.get("/v1/peering-connections/" + id, acme.key()).json().get("history");
    assertThat(history.size()).isEqualTo(3);
    assertThat(history.get(1).get("actor").asString()).isEqualTo(globex.id());
  }

  @Test
  void everyDomainRefusalArrivesWithItsCodeAndRule() {
    String gzWeb = vpcOverHttp(acme, guangzhou, "10.1.0.0/16");
    String sgDb = vpcOverHttp(globex, singapore, "10.2.0.0/16");
    String sgClash = vpcOverHttp(globex, singapore, "10.1.128.0/17");
    String gzOther = vpcOverHttp(acme, guangzhou, "10.7.0.0/16");

    assertRefused(
        http.post(
            "/v1/vpcs",
            acme.key(),
            "{\"region\":\"" + guangzhou + "\",\"name\":\"v\",\"cidrs\":[\"10.3.0.5/16\"]}"),
        400,
        "CIDR_NOT_ALIGNED",
        "input");
    assertRefused(
        http.post("/v1/peering-connections", acme.key(), request(gzWeb, sgDb, null)),
        409,
        "CAP_REQUIRED",
        "R16");
    assertRefused(
        http.post("/v1/peering-connections", acme.key(), request(gzWeb, sgDb, 99_999)),
        409,
        "CAP_OUT_OF_RANGE",
        "D3");
    assertRefused(
        http.post("/v1/peering-connections", acme.key(), request(gzWeb, sgClash, 100)),
        409,
        "CIDR_OVERLAP",
        "R4");
    assertRefused(
        http.post(
            "/v1/peering-connections",
            acme.key(),
            "{\"vpc_id\":\"" + gzWeb + "\",\"peer_vpc_id\":\"" + gzOther + "\",\"cap_mbps\":10}"),
        409,
        "CAP_NOT_ALLOWED",
        "R16");
    assertRefused(
        http.post(
            "/v1/peering-connections",
            acme.key(),
            "{\"vpc_id\":\"" + gzWeb + "\",\"peer_vpc_id\":\"" + gzWeb + "\"}"),
        409,
        "SELF_PEERING",
        "R10");

    String id = post201("/v1/peering-connections", acme, request(gzWeb, sgDb, 100));
    assertRefused(
        http.post("/v1/peering-connections", acme.key(), request(gzWeb, sgDb, 100)),
        409,
        "ALREADY_PEERED",
        "R2");
    assertRefused(
        http.post("/v1/peering-connections/" + id + "/accept", acme.key(), null),
        403,
        "NOT_AUTHORIZED",
        "D2");
    post("/v1/peering-connections/" + id + "/accept", globex);
    assertRefused(
        http.put("/v1/peering-connections/" + id + "/cap", globex.key(), "{\"cap_mbps\":300}"),
        403,
        "NOT_AUTHORIZED",
        "D2");
    String table = routeTableOf(acme, subnet(acme, gzWeb, "10.1.1.0/24"), gzWeb);
    assertRefused(route(acme, table, "10.9.0.0/16", id), 409, "ROUTE_OUTSIDE_PEER", "R2");

    // R5: a cross-region VPC's peers must not overlap each other.
    String bjTwin = vpcOverHttp(globex, beijing, "10.2.0.0/16");
    assertRefused(
        http.post("/v1/peering-connections", acme.key(), request(gzWeb, bjTwin, 100, beijing)),
        409,
        "PEER_CIDR_OVERLAP",
        "R5");

    http.delete("/v1/peering-connections/" + id, acme.key());
    assertRefused(
        http.post("/v1/peering-connections/" + id + "/reject", globex.key(), null),
        409,
        "INVALID_STATE",
        "D1");
    assertRefused(
        http.post(
            "/v1/peering-connections",
            acme.key(),
            "{\"vpc_id\":\""
                + gzWeb
                + "\",\"peer_account_id\":\"nobody-"
                + acme.id()
                + "\",\"peer_vpc_id\":\""
                + sgDb
                + "\",\"cap_mbps\":10}"),
        404,
        "UNKNOWN_ACCOUNT",
        "D2");
  }

  private String request(String vpc, String peerVpc, Integer cap) {
    return request(vpc, peerVpc, cap, singapore);
  }

  private String request(String vpc, String peerVpc, Integer cap, String peerRegion) {
    return "{\"name\":\"gz-sg\",\"vpc_id\":\""
        + vpc
        + "\",\"peer_account_id\":\""
        + globex.id()
        + "\",\"peer_vpc_id\":\""
        + peerVpc
        + "\",\"peer_region\":\""
        + peerRegion
        + "\""
        + (cap == null ? "" : ",\"cap_mbps\":" + cap)
        + "}";
  }

  private String subnet(Party owner, String vpc, String cidr) {
    return post201(
        "/v1/vpcs/" + vpc + "/subnets", owner, "{\"name\":\"s\",\"cidr\":\"" + cidr + "\"}");
  }

  private String routeTableOf(Party owner, String subnet, String vpc) {
    for (JsonNode s : http.get("/v1/vpcs/" + vpc + "/subnets", owner.key()).json().get("items")) {
      if (s.get("id").asString().equals(subnet)) {
        return s.get("route_table_id").asString();
      }
    }
    throw new AssertionError("no subnet " + subnet);
  }

  private Response route(Party owner, String table, String destination, String connection) {
    return http.post(
        "/v1/route-tables/" + table + "/routes",
        owner.key(),
        "{\"destination\":\""
            + destination
            + "\",\"peering_connection_id\":\""
            + connection
            + "\"}");
  }

  private JsonNode canReach(Party owner, String subnet, String address) {
    Response r = http.get("/v1/subnets/" + subnet + "/can-reach?address=" + address, owner.key());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private String post201(String path, Party as, String body) {
    Response r = http.post(path, as.key(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private JsonNode post(String path, Party as) {
    Response r = http.post(path, as.key(), null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static java.util.List<String> ids(Response page) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    page.json().get("items").forEach(n -> ids.add(n.get("id").asString()));
    return ids;
  }
}
