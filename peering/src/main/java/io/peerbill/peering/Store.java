package io.peerbill.peering;

import org.jooq.DSLContext;

/** The repositories of one transaction, handed to a unit of work together. */
final class Store {

  final DSLContext sql;
  final Guard guard;
  final VpcRepository vpcs;
  final NetworkRepository network;
  final ConnectionRepository connections;
  final HistoryRepository history;

  Store(DSLContext tx) {
    this.sql = tx;
    this.guard = new Guard(tx);
    this.vpcs = new VpcRepository(tx);
    this.network = new NetworkRepository(tx);
    this.connections = new ConnectionRepository(tx);
    this.history = new HistoryRepository(tx);
  }
}
