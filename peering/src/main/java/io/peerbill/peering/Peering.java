package io.peerbill.peering;

import java.time.Clock;
import org.jooq.DSLContext;

/** The lifecycle model's services over one database and clock, wired together. */
public final class Peering {

  private final Directory directory;
  private final VpcService vpcs;
  private final PeeringService connections;
  private final RouteService routes;
  private final Reachability reachability;
  private final ActiveIntervals activeIntervals;
  private final ExpirySweep expirySweep;
  private final ChargeModes chargeModes;

  public Peering(DSLContext sql, Clock clock, PeeringSettings settings) {
    this.directory = new Directory(sql, clock);
    this.vpcs = new VpcService(sql, clock);
    this.connections = new PeeringService(sql, clock, settings);
    this.routes = new RouteService(sql, clock);
    this.reachability = new Reachability(sql);
    this.activeIntervals = new ActiveIntervals(sql);
    this.expirySweep = new ExpirySweep(sql, clock);
    this.chargeModes = new ChargeModes(sql, clock);
  }

  public Directory directory() {
    return directory;
  }

  public VpcService vpcs() {
    return vpcs;
  }

  public PeeringService connections() {
    return connections;
  }

  public RouteService routes() {
    return routes;
  }

  public Reachability reachability() {
    return reachability;
  }

  public ActiveIntervals activeIntervals() {
    return activeIntervals;
  }

  public ExpirySweep expirySweep() {
    return expirySweep;
  }

  public ChargeModes chargeModes() {
    return chargeModes;
  }
}
