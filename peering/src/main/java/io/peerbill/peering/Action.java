package io.peerbill.peering;

import java.time.Instant;

/** The transitions an account can ask for, who may ask (D2) and from which state (D1, R6, R7). */
enum Action {
  ACCEPT(ConnectionState.ACTIVE, Who.ACCEPTER),
  REJECT(ConnectionState.REJECTED, Who.ACCEPTER),
  WITHDRAW(ConnectionState.WITHDRAWN, Who.REQUESTER),
  DELETE(ConnectionState.DELETED, Who.EITHER_END);

  private enum Who {
    REQUESTER,
    ACCEPTER,
    EITHER_END
  }

  private final ConnectionState target;
  private final Who who;

  Action(ConnectionState target, Who who) {
    this.target = target;
    this.who = who;
  }

  ConnectionState target() {
    return target;
  }

  void authorize(String actor, Connection c) {
    boolean allowed =
        switch (who) {
          case REQUESTER -> c.requesterAccountId().equals(actor);
          case ACCEPTER -> c.accepterAccountId().equals(actor);
          case EITHER_END -> c.involvesAccount(actor);
        };
    if (!allowed) {
      String whom =
          switch (who) {
            case REQUESTER -> "the requester's account " + c.requesterAccountId();
            case ACCEPTER -> "the accepter's account " + c.accepterAccountId();
            case EITHER_END -> "either end's account";
          };
      throw PeeringException.of(
          ErrorCode.NOT_AUTHORIZED,
          "account %s may not %s %s; only %s may",
          actor,
          verb(),
          c.id(),
          whom);
    }
  }

  void applicable(Connection c, Instant now) {
    ConnectionState from =
        this == DELETE ? ConnectionState.ACTIVE : ConnectionState.PENDING_ACCEPTANCE;
    if (c.state() != from) {
      throw PeeringException.of(
          ErrorCode.INVALID_STATE,
          "%s is %s; only a %s connection can be %s",
          c.id(),
          c.state(),
          from == ConnectionState.ACTIVE ? "active" : "pending",
          target.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (from == ConnectionState.PENDING_ACCEPTANCE && !now.isBefore(c.expiresAt())) {
      throw PeeringException.of(
          ErrorCode.REQUEST_EXPIRED,
          "%s expired at %s, unanswered; request a new connection",
          c.id(),
          c.expiresAt());
    }
  }

  private String verb() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
