package io.peerbill.peering;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Creates peering connections and moves them through their states (D1), enforcing R4-R10 and D2-D3.
 * Every operation locks the VPC rows of both ends (in id order) before reading what its rules
 * depend on, so racing operations on a VPC queue instead of breaking a rule together.
 */
public final class PeeringService {

  private final DSLContext sql;
  private final Clock clock;
  private final PeeringSettings settings;

  public PeeringService(DSLContext sql, Clock clock, PeeringSettings settings) {
    this.sql = sql;
    this.clock = clock;
    this.settings = settings;
  }

  /** Same account: ACTIVE at once (R9). Other account: pending for the acceptance window (R6). */
  public Connection create(String actor, ConnectionRequest request) {
    return create(actor, request, ChargeMode.DAILY_PEAK, null);
  }

  /** Created with a charge mode in force from the month of creation in the billing zone (D13). */
  public Connection create(String actor, ConnectionRequest request, ChargeMode mode, ZoneId zone) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          Vpc requester = store.guard.ownVpc(actor, request.requesterVpcId());
          Vpc accepter = peerVpc(store, actor, request);
          if (requester.id().equals(accepter.id())) {
            throw PeeringException.of(
                ErrorCode.SELF_PEERING, "%s cannot peer with itself", requester.id());
          }
          Scope scope = Scope.of(requester.region(), accepter.region());
          PeeringRules.capFits(scope, request.capMbps(), settings);

          OffsetDateTime now = DbTime.now(clock);
          lockEnds(store, now, requester.id(), accepter.id());
          alreadyPeered(store, requester.id(), accepter.id());
          PeerGraph graph = new PeerGraph(store);
          graph.checkJoin(requester, accepter, scope, null);
          withinLimit(graph, requester.id(), accepter.id());

          boolean sameAccount = accepter.accountId().equals(actor);
          ConnectionState state =
              sameAccount ? ConnectionState.ACTIVE : ConnectionState.PENDING_ACCEPTANCE;
          Connection c =
              new Connection(
                  Ids.next("pcx"),
                  request.name() == null ? "" : request.name(),
                  requester.id(),
                  actor,
                  requester.region(),
                  accepter.id(),
                  accepter.accountId(),
                  accepter.region(),
                  scope,
                  state,
                  request.capMbps(),
                  now.toInstant(),
                  sameAccount ? now.toInstant() : null,
                  sameAccount ? null : now.plus(settings.acceptanceWindow()).toInstant(),
                  null);
          store.connections.insert(c);
          store.history.record(new Transition(c.id(), null, state, actor, now.toInstant()));
          if (c.capMbps() != null) {
            store.history.recordCap(c.id(), c.capMbps(), now, actor);
          }
          ChargeModes.chosenAtCreation(tx, c, mode, now.toInstant(), zone, actor);
          return c;
        });
  }

  /** The accepter's account accepts a pending, unexpired request; R4, R5, R8 are re-checked. */
  public Connection accept(String actor, String connectionId) {
    return transition(
        actor,
        connectionId,
        Action.ACCEPT,
        (store, c, now) -> {
          // Lapsed requests around it no longer count (this one is pending and unexpired).
          ExpirySweep.expireDue(
              store.sql,
              now,
              ConnectionRepository.endIn(Set.of(c.requesterVpcId(), c.accepterVpcId())));
          Vpc requester = store.vpcs.find(c.requesterVpcId()).orElseThrow();
          Vpc accepter = store.vpcs.find(c.accepterVpcId()).orElseThrow();
          PeerGraph graph = new PeerGraph(store);
          graph.checkJoin(requester, accepter, c.scope(), c.id());
          // The pending request is already among the live ones it is counted with.
          PeeringRules.withinLimit(
              requester.id(), graph.live(requester.id()).size(), settings.maxConnectionsPerVpc());
          PeeringRules.withinLimit(
              accepter.id(), graph.live(accepter.id()).size(), settings.maxConnectionsPerVpc());
        });
  }

  public Connection reject(String actor, String connectionId) {
    return transition(actor, connectionId, Action.REJECT, (store, c, now) -> {});
  }

  public Connection withdraw(String actor, String connectionId) {
    return transition(actor, connectionId, Action.WITHDRAW, (store, c, now) -> {});
  }

  /**
   * Either end deletes an active connection; traffic stops at once (R7). The requester deleting its
   * own pending request withdraws it (D1).
   */
  public Connection delete(String actor, String connectionId) {
    // Decided on the row as locked, so a delete racing an accept never acts on a stale state.
    return transition(
        actor,
        connectionId,
        c ->
            c.state() == ConnectionState.PENDING_ACCEPTANCE && c.requesterAccountId().equals(actor)
                ? Action.WITHDRAW
                : Action.DELETE,
        (store, c, now) -> {});
  }

  /** Changes the cap of a live cross-region connection from now on, keeping the history (R16). */
  public Connection setCap(String actor, String connectionId, int capMbps) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          Connection c = locked(store, actor, connectionId);
          if (!c.requesterAccountId().equals(actor)) {
            throw PeeringException.of(
                ErrorCode.NOT_AUTHORIZED,
                "only the requester's account %s changes the cap of %s (it pays, D8)",
                c.requesterAccountId(),
                c.id());
          }
          if (!c.state().isLive()) {
            throw PeeringException.of(
                ErrorCode.INVALID_STATE, "%s is %s; only a live connection", c.id(), c.state());
          }
          PeeringRules.capFits(c.scope(), capMbps, settings);
          OffsetDateTime now = DbTime.now(clock);
          store.connections.setCap(c.id(), capMbps);
          store.history.recordCap(c.id(), capMbps, now, actor);
          return store.connections.find(c.id()).orElseThrow();
        });
  }

  public Connection show(String actor, String connectionId) {
    return visible(actor, connectionId);
  }

  public List<Connection> list(String actor) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          String account = new Guard(tx).actor(actor);
          // A request past its window reads as EXPIRED (R6) whether or not a sweep ran yet.
          ExpirySweep.expireDue(tx, DbTime.now(clock), ConnectionRepository.ofAccountIs(account));
          return new Store(tx).connections.ofAccount(account);
        });
  }

  public List<Transition> history(String actor, String connectionId) {
    visible(actor, connectionId);
    return new HistoryRepository(sql).transitions(connectionId);
  }

  public List<CapChange> capHistory(String actor, String connectionId) {
    visible(actor, connectionId);
    return new HistoryRepository(sql).caps(connectionId);
  }

  private Connection visible(String actor, String connectionId) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          // Recorded at its expires_at (ExpirySweep), so when it is first read does not matter.
          ExpirySweep.expireDue(tx, DbTime.now(clock), ConnectionRepository.idIs(connectionId));
          return store
              .connections
              .find(connectionId)
              .filter(c -> c.involvesAccount(actor))
              .orElseThrow(() -> notFound(actor, connectionId));
        });
  }

  interface Check {
    void apply(Store store, Connection c, OffsetDateTime now);
  }

  private Connection transition(String actor, String connectionId, Action action, Check check) {
    return transition(actor, connectionId, c -> action, check);
  }

  private Connection transition(
      String actor, String connectionId, Function<Connection, Action> choice, Check check) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          Connection c = locked(store, actor, connectionId);
          Action action = choice.apply(c);
          action.authorize(actor, c);
          OffsetDateTime now = DbTime.now(clock);
          action.applicable(c, now.toInstant());
          check.apply(store, c, now);
          store.connections.moveTo(c.id(), action.target(), now);
          store.history.record(
              new Transition(c.id(), c.state(), action.target(), actor, now.toInstant()));
          return store.connections.find(c.id()).orElseThrow();
        });
  }

  /** Locks both ends' VPCs, then the connection row, and reads it after the locks. */
  private Connection locked(Store store, String actor, String connectionId) {
    Connection seen =
        store
            .connections
            .find(connectionId)
            .filter(c -> c.involvesAccount(actor))
            .orElseThrow(() -> notFound(actor, connectionId));
    store.vpcs.lock(Set.of(seen.requesterVpcId(), seen.accepterVpcId()));
    return store.connections.lock(connectionId).orElseThrow();
  }

  private void lockEnds(Store store, OffsetDateTime now, String a, String b) {
    store.vpcs.lock(Set.of(a, b));
    // A request past its window no longer counts nor blocks a new one, swept or not.
    ExpirySweep.expireDue(store.sql, now, ConnectionRepository.endIn(Set.of(a, b)));
  }

  private void alreadyPeered(Store store, String a, String b) {
    for (Connection c : store.connections.liveOf(Set.of(a))) {
      if (c.joins(b)) {
        throw PeeringException.of(
            ErrorCode.ALREADY_PEERED,
            "%s (%s) already joins %s and %s; add routes for more CIDRs instead",
            c.id(),
            c.state(),
            a,
            b);
      }
    }
  }

  private void withinLimit(PeerGraph graph, String... vpcIds) {
    for (String vpcId : vpcIds) {
      PeeringRules.withinLimit(
          vpcId, graph.live(vpcId).size() + 1L, settings.maxConnectionsPerVpc());
    }
  }

  private static Vpc peerVpc(Store store, String actor, ConnectionRequest request) {
    String account = request.peerAccountId() == null ? actor : request.peerAccountId();
    if (!account.equals(actor)) {
      store.guard.actor(account);
    }
    Vpc peer =
        store
            .vpcs
            .find(request.accepterVpcId())
            .filter(v -> v.accountId().equals(account))
            .orElseThrow(
                () ->
                    PeeringException.of(
                        ErrorCode.VPC_NOT_FOUND,
                        "account %s has no VPC '%s'%s",
                        account,
                        request.accepterVpcId(),
                        request.peerAccountId() == null
                            ? " (for another account's VPC give its account id)"
                            : ""));
    if (request.peerRegion() != null && !request.peerRegion().equals(peer.region())) {
      throw PeeringException.of(
          ErrorCode.VPC_NOT_FOUND,
          "%s is in region %s, not %s",
          peer.id(),
          peer.region(),
          request.peerRegion());
    }
    return peer;
  }

  static PeeringException notFound(String actor, String connectionId) {
    return PeeringException.of(
        ErrorCode.CONNECTION_NOT_FOUND,
        "account %s has no peering connection '%s'",
        actor,
        connectionId);
  }
}
