package io.peerbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.Http.Response;
import io.peerbill.api.operator.BillingRuns;
import io.peerbill.api.security.SecurityConfiguration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 14's authorization matrix over every route the server maps (read from its handler mapping,
 * so a new route without a row here fails the test): no key 401; an account key on an operator
 * route 403 (and an operator key on an account route 403); another account's key on a route naming
 * a resource 404, as for a missing one, and on a read naming none an answer without the owner's
 * data; the owner (or operator) succeeds.
 */
class AuthorizationMatrixTest extends ApiTestBase {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  @Autowired DSLContext dsl;
  @Autowired BillingRuns runs;

  /** What the owner (or the operator) sends to succeed on a route, built on fresh resources. */
  record Call(String path, String body, String contentType) {
    Call(String path, String body) {
      this(path, body, "application/json");
    }
  }

  private Map<String, Function<MatrixWorld, Call>> calls() {
    Map<String, Function<MatrixWorld, Call>> c = new TreeMap<>();
    c.put("GET /v1/account", w -> new Call("/v1/account", null));
    c.put("GET /v1/regions", w -> new Call("/v1/regions", null));
    c.put("GET /v1/vpcs", w -> new Call("/v1/vpcs?limit=5", null));
    c.put(
        "POST /v1/vpcs",
        w ->
            new Call(
                "/v1/vpcs",
                "{\"region\":\"" + w.home + "\",\"name\":\"n\",\"cidrs\":[\"10.9.0.0/16\"]}"));
    c.put("GET /v1/vpcs/{vpcId}", w -> new Call("/v1/vpcs/" + w.vpc().id(), null));
    c.put(
        "POST /v1/vpcs/{vpcId}/cidrs",
        w -> new Call("/v1/vpcs/" + w.vpc().id() + "/cidrs", "{\"cidr\":\"10.3.0.0/16\"}"));
    c.put(
        "GET /v1/vpcs/{vpcId}/subnets",
        w -> new Call("/v1/vpcs/" + w.vpc().id() + "/subnets", null));
    c.put(
        "POST /v1/vpcs/{vpcId}/subnets",
        w ->
            new Call(
                "/v1/vpcs/" + w.vpc().id() + "/subnets",
                "{\"name\":\"s\",\"cidr\":\"10.1.2.0/24\"}"));
    c.put(
        "GET /v1/vpcs/{vpcId}/route-tables",
        w -> new Call("/v1/vpcs/" + w.vpc().id() + "/route-tables", null));
    c.put(
        "POST /v1/vpcs/{vpcId}/route-tables",
        w -> new Call("/v1/vpcs/" + w.vpc().id() + "/route-tables", "{\"name\":\"t\"}"));
    c.put(
        "GET /v1/route-tables/{routeTableId}/routes",
        w -> new Call("/v1/route-tables/" + w.routeTable() + "/routes", null));
    c.put(
        "POST /v1/route-tables/{routeTableId}/routes",
        w -> {
          String[] tc = w.routeTableWithPeering();
          return new Call(
              "/v1/route-tables/" + tc[0] + "/routes",
              "{\"destination\":\"10.2.0.0/16\",\"peering_connection_id\":\"" + tc[1] + "\"}");
        });
    c.put(
        "DELETE /v1/route-tables/{routeTableId}/routes",
        w -> {
          String[] tc = w.routeTableWithPeering();
          w.addRoute(tc[0], tc[1]);
          return new Call("/v1/route-tables/" + tc[0] + "/routes?destination=10.2.0.0/16", null);
        });
    c.put(
        "GET /v1/subnets/{subnetId}/can-reach",
        w -> new Call("/v1/subnets/" + w.subnet().id() + "/can-reach?address=10.2.1.1", null));
    c.put("GET /v1/peering-connections", w -> new Call("/v1/peering-connections", null));
    c.put(
        "POST /v1/peering-connections",
        w -> {
          String[] ends = w.twoOwnVpcs();
          return new Call(
              "/v1/peering-connections",
              "{\"name\":\"n\",\"vpc_id\":\""
                  + ends[0]
                  + "\",\"peer_vpc_id\":\""
                  + ends[1]
                  + "\"}");
        });
    String pcx = "/v1/peering-connections/";
    c.put("GET /v1/peering-connections/{connectionId}", w -> new Call(pcx + w.active().id(), null));
    c.put(
        "POST /v1/peering-connections/{connectionId}/accept",
        w -> new Call(pcx + w.requestToOwner().id() + "/accept", null));
    c.put(
        "POST /v1/peering-connections/{connectionId}/reject",
        w -> new Call(pcx + w.requestToOwner().id() + "/reject", null));
    c.put(
        "POST /v1/peering-connections/{connectionId}/withdraw",
        w -> new Call(pcx + w.requestOfOwner().id() + "/withdraw", null));
    c.put(
        "DELETE /v1/peering-connections/{connectionId}",
        w -> new Call(pcx + w.active().id(), null));
    c.put(
        "PUT /v1/peering-connections/{connectionId}/cap",
        w -> new Call(pcx + w.active().id() + "/cap", "{\"cap_mbps\":300}"));
    c.put(
        "PUT /v1/peering-connections/{connectionId}/charge-mode",
        w ->
            new Call(pcx + w.active().id() + "/charge-mode", "{\"charge_mode\":\"MONTHLY_95TH\"}"));
    c.put(
        "GET /v1/peering-connections/{connectionId}/routes",
        w -> new Call(pcx + w.active().id() + "/routes", null));
    c.put(
        "GET /v1/peering-connections/{connectionId}/active-intervals",
        w ->
            new Call(
                pcx
                    + w.active().id()
                    + "/active-intervals?from=2026-01-01T00:00:00Z&to=2036-01-01T00:00:00%2B08:00",
                null));
    c.put(
        "GET /v1/peering-connections/{connectionId}/traffic",
        w ->
            new Call(
                pcx
                    + w.active().id()
                    + "/traffic?from=2026-11-25T00:00:00%2B08:00&to=2026-11-26T00:00:00%2B08:00"
                    + "&period=300s",
                null));
    c.put("GET /v1/bills", w -> new Call("/v1/bills?date=" + MatrixWorld.STATEMENT_DAY, null));
    c.put("GET /v1/monthly-bills", w -> new Call("/v1/monthly-bills?month=" + w.monthLine(), null));
    c.put("GET /v1/statements/{date}", w -> new Call("/v1/statements/" + w.statementDay(), null));
    c.put(
        "GET /v1/statements/{date}/csv",
        w -> new Call("/v1/statements/" + w.statementDay() + "/csv", null));
    c.put(
        "GET /v1/statements/{date}/html",
        w -> new Call("/v1/statements/" + w.statementDay() + "/html", null));
    String policies = "/v1/alert-policies";
    c.put("GET /v1/alert-policies", w -> new Call(policies, null));
    c.put("POST /v1/alert-policies", w -> new Call(policies, MatrixWorld.policyBody()));
    c.put("GET /v1/alert-policies/{policyId}", w -> new Call(policies + "/" + w.policy(), null));
    c.put(
        "PUT /v1/alert-policies/{policyId}",
        w -> new Call(policies + "/" + w.policy(), MatrixWorld.policyBody()));
    c.put("DELETE /v1/alert-policies/{policyId}", w -> new Call(policies + "/" + w.policy(), null));
    c.put(
        "POST /v1/alert-policies/{policyId}/enable",
        w -> new Call(policies + "/" + w.policy() + "/enable", null));
    c.put(
        "POST /v1/alert-policies/{policyId}/disable",
        w -> new Call(policies + "/" + w.policy() + "/disable", null));
    c.put("GET /v1/alerts", w -> new Call("/v1/alerts?firing=true", null));
    c.put("GET /v1/webhook-deliveries", w -> new Call("/v1/webhook-deliveries", null));
    c.put(
        "GET /v1/webhook-deliveries/{eventId}/attempts",
        w -> new Call("/v1/webhook-deliveries/" + w.delivery() + "/attempts", null));
    // Operator routes.
    c.put("GET /v1/operator/tariffs", w -> new Call("/v1/operator/tariffs", null));
    c.put(
        "POST /v1/operator/tariffs",
        w ->
            new Call(
                "/v1/operator/tariffs",
                "pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price\n"
                    + "matrix-a:matrix-b,2020-01-01,VOLUME,CNY,0,,1.00\n",
                "text/csv"));
    c.put(
        "POST /v1/operator/billing-runs",
        w -> new Call("/v1/operator/billing-runs", "{\"date\":\"2020-01-02\",\"force\":true}"));
    c.put(
        "GET /v1/operator/billing-runs",
        w -> new Call("/v1/operator/billing-runs?date=2020-01-02", null));
    c.put(
        "GET /v1/operator/billing-runs/{runId}",
        w -> new Call("/v1/operator/billing-runs/" + runOf(LocalDate.of(2020, 1, 3)), null));
    c.put(
        "POST /v1/operator/what-if",
        w ->
            new Call(
                "/v1/operator/what-if?from=2020-01-01&to=2020-01-31&account=" + w.owner.id(),
                "pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price\n"
                    + "cn-mainland:overseas,2020-01-01,VOLUME,CNY,0,,1.00\n",
                "text/csv"));
    c.put("GET /v1/operator/regions", w -> new Call("/v1/operator/regions", null));
    c.put(
        "POST /v1/operator/regions",
        w ->
            new Call(
                "/v1/operator/regions",
                "{\"code\":\""
                    + unique("m").toLowerCase(java.util.Locale.ROOT)
                    + "\",\"name\":\"M\",\"geo_zone\":\"cn-mainland\"}"));
    c.put("GET /v1/operator/accounts", w -> new Call("/v1/operator/accounts", null));
    c.put(
        "POST /v1/operator/accounts",
        w ->
            new Call(
                "/v1/operator/accounts", "{\"id\":\"" + unique("acct") + "\",\"name\":\"A\"}"));
    c.put("GET /v1/operator/api-keys", w -> new Call("/v1/operator/api-keys", null));
    c.put(
        "POST /v1/operator/api-keys",
        w -> new Call("/v1/operator/api-keys", "{\"account_id\":\"" + w.owner.id() + "\"}"));
    c.put(
        "DELETE /v1/operator/api-keys/{keyId}",
        w -> new Call("/v1/operator/api-keys/" + w.freshKeyId(), null));
    return c;
  }

  /** A billing run of the day, started as the POST route starts one. */
  private String runOf(LocalDate day) {
    try {
      return runs.days(day, day, ZoneId.of("Asia/Shanghai"), true, false).id();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> mappedRoutes() {
    List<String> routes = new ArrayList<>();
    mapping
        .getHandlerMethods()
        .keySet()
        .forEach(
            info ->
                info.getPatternValues().stream()
                    .filter(p -> p.startsWith("/v1/"))
                    .forEach(
                        p ->
                            info.getMethodsCondition()
                                .getMethods()
                                .forEach(m -> routes.add(m.name() + " " + p))));
    return routes;
  }

  @Test
  void everyMappedRouteHasARowAndEveryRowAMappedRoute() {
    assertThat(new TreeSet<>(mappedRoutes())).isEqualTo(calls().keySet());
  }

  @Test
  void noKey401_foreignResource404_wrongRole403_owner2xx() {
    Party owner = party("owner");
    Party peer = party("peer");
    Party stranger = party("stranger");
    String operator = operatorKey();
    MatrixWorld world =
        new MatrixWorld(peering, keys, dsl, owner, peer, region("cn-mainland"), region("overseas"));
    Http http = http();
    List<String> failures = new ArrayList<>();
    for (String route : new TreeSet<>(mappedRoutes())) {
      Function<MatrixWorld, Call> build = calls().get(route);
      if (build == null) {
        failures.add(route + ": no row in the matrix");
        continue;
      }
      String method = route.substring(0, route.indexOf(' '));
      String pattern = route.substring(route.indexOf(' ') + 1);
      boolean operatorRoute =
          pattern.startsWith(SecurityConfiguration.OPERATOR_ROUTES.replace("**", ""));
      boolean namesResource = !operatorRoute && pattern.contains("{");
      Call call = build.apply(world);
      String owners = operatorRoute ? operator : owner.key();

      expect(failures, route, "no key", send(http, method, call, null), 401);
      expect(
          failures,
          route,
          "unknown key",
          send(http, method, call, "pbk_000000000000." + "A".repeat(43)),
          401);
      if (operatorRoute) {
        expect(failures, route, "account key", send(http, method, call, owner.key()), 403);
      } else if (!pattern.equals("/v1/regions")) {
        expect(failures, route, "operator key", send(http, method, call, operator), 403);
      }
      if (namesResource) {
        Response foreign = send(http, method, call, stranger.key());
        expect(failures, route, "another account's key", foreign, 404);
      } else if (!operatorRoute && method.equals("GET")) {
        // A read of no named resource answers another account with its own data only.
        Response foreign = send(http, method, call, stranger.key());
        if (foreign.status() / 100 != 2 || foreign.body().contains(owner.id())) {
          failures.add(route + " with another account's key: shows the owner's, got " + foreign);
        }
      }
      Response ok = send(http, method, call, owners);
      if (ok.status() / 100 != 2) {
        failures.add(route + " as its owner: expected 2xx, got " + ok);
      }
    }
    assertThat(failures).isEmpty();
  }

  private static Response send(Http http, String method, Call call, String key) {
    return http.send(method, call.path(), key, call.contentType(), call.body());
  }

  private static void expect(
      List<String> failures, String route, String as, Response response, int status) {
    if (response.status() != status) {
      failures.add(route + " with " + as + ": expected " + status + ", got " + response);
    } else if (!response.contentType().startsWith("application/json")
        || response.code().isEmpty()) {
      failures.add(route + " with " + as + ": no error body, got " + response);
    }
  }
}
