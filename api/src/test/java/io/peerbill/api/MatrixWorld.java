package io.peerbill.api;

import static io.peerbill.schema.jooq.Tables.BILL_STATEMENT;

import io.peerbill.api.ApiTestBase.Party;
import io.peerbill.api.key.ApiKeys;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import io.peerbill.peering.Peering;
import io.peerbill.peering.Subnet;
import io.peerbill.peering.Vpc;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Fresh resources for one call of the authorization matrix: the owner's VPC, subnet, route table
 * and connections in every state a route acts on, made through the services (the API is what the
 * matrix tests, not how its world was built).
 */
final class MatrixWorld {

  private final Peering peering;
  private final ApiKeys keys;
  private final DSLContext dsl;
  final Party owner;
  final Party peer;
  final String home;
  final String away;

  MatrixWorld(
      Peering peering,
      ApiKeys keys,
      DSLContext dsl,
      Party owner,
      Party peer,
      String home,
      String away) {
    this.peering = peering;
    this.keys = keys;
    this.dsl = dsl;
    this.owner = owner;
    this.peer = peer;
    this.home = home;
    this.away = away;
  }

  Vpc vpc() {
    return peering.vpcs().create(owner.id(), home, "m", List.of(CidrBlock.parse("10.1.0.0/16")));
  }

  Subnet subnet() {
    Vpc v = vpc();
    return peering
        .vpcs()
        .createSubnet(owner.id(), v.id(), "s", CidrBlock.parse("10.1.1.0/24"), null);
  }

  String routeTable() {
    return subnet().routeTableId();
  }

  /** A cross-region request from the peer: the owner is its accepter. */
  Connection requestToOwner() {
    Vpc mine = vpc();
    Vpc theirs = peerVpc();
    return peering
        .connections()
        .create(
            peer.id(), new ConnectionRequest("m", theirs.id(), mine.id(), owner.id(), home, 100));
  }

  /** A cross-region request of the owner, pending. */
  Connection requestOfOwner() {
    Vpc mine = vpc();
    Vpc theirs = peerVpc();
    return peering
        .connections()
        .create(
            owner.id(), new ConnectionRequest("m", mine.id(), theirs.id(), peer.id(), away, 100));
  }

  /** An ACTIVE cross-region connection the owner requested (and pays for). */
  Connection active() {
    Connection c = requestOfOwner();
    return peering.connections().accept(peer.id(), c.id());
  }

  /** A route table of the owner whose VPC has an ACTIVE connection, and that connection. */
  String[] routeTableWithPeering() {
    Connection c = active();
    String table = peering.vpcs().routeTables(owner.id(), c.requesterVpcId()).get(0).id();
    return new String[] {table, c.id()};
  }

  void addRoute(String routeTable, String connectionId) {
    peering.routes().add(owner.id(), routeTable, CidrBlock.parse("10.2.0.0/16"), connectionId);
  }

  /** Two VPCs of the owner in one region that may peer (same account: ACTIVE at once, R9). */
  String[] twoOwnVpcs() {
    Vpc a = vpc();
    Vpc b = peering.vpcs().create(owner.id(), home, "b", List.of(CidrBlock.parse("10.5.0.0/16")));
    return new String[] {a.id(), b.id()};
  }

  /** A day the owner has a statement for (written here: the matrix tests access, not billing). */
  static final java.time.LocalDate STATEMENT_DAY = java.time.LocalDate.of(2020, 1, 1);

  java.time.LocalDate statementDay() {
    dsl.insertInto(BILL_STATEMENT)
        .set(BILL_STATEMENT.ACCOUNT_ID, owner.id())
        .set(BILL_STATEMENT.BILL_DAY, STATEMENT_DAY)
        .set(BILL_STATEMENT.CURRENCY, "CNY")
        .set(BILL_STATEMENT.LINE_COUNT, 0)
        .set(BILL_STATEMENT.FAILED_COUNT, 0)
        .set(BILL_STATEMENT.TOTAL, java.math.BigDecimal.ZERO)
        .set(BILL_STATEMENT.ADJUSTMENT, java.math.BigDecimal.ZERO)
        .onConflictDoNothing()
        .execute();
    return STATEMENT_DAY;
  }

  String freshKeyId() {
    return keys.createForAccount(owner.id(), "to revoke").key().id();
  }

  private Vpc peerVpc() {
    return peering.vpcs().create(peer.id(), away, "p", List.of(CidrBlock.parse("10.2.0.0/16")));
  }
}
