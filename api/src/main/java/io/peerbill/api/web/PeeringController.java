package io.peerbill.api.web;

import io.peerbill.api.error.ApiException;
import io.peerbill.api.security.ApiPrincipal;
import io.peerbill.api.web.Requests.NewCap;
import io.peerbill.api.web.Requests.NewChargeMode;
import io.peerbill.api.web.Requests.NewConnection;
import io.peerbill.api.web.Views.CapView;
import io.peerbill.api.web.Views.ChargeModeView;
import io.peerbill.api.web.Views.ConnectionDetail;
import io.peerbill.api.web.Views.ConnectionView;
import io.peerbill.api.web.Views.RelatedRouteView;
import io.peerbill.api.web.Views.TransitionView;
import io.peerbill.billing.BillingProperties;
import io.peerbill.peering.ActiveInterval;
import io.peerbill.peering.ChargeMode;
import io.peerbill.peering.ChargeModeChange;
import io.peerbill.peering.ChargeModes;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Peering connections the account is an end of, through {@link PeeringService} and {@link
 * ChargeModes} (the services the CLI's {@code peering} command runs): every rule (R4-R10, D1-D3,
 * D13) is the service's, refused with its code and rule id. Charge modes take effect by months of
 * the configured billing zone ({@code peerbill.billing.zone}).
 */
@RestController
@RequestMapping("/v1/peering-connections")
public class PeeringController {

  private final Peering peering;
  private final PeeringService connections;
  private final ZoneId billingZone;
  private final Clock clock;

  public PeeringController(Peering peering, BillingProperties billing, Clock clock) {
    this.peering = peering;
    this.connections = peering.connections();
    this.billingZone = billing.zone();
    this.clock = clock;
  }

  @GetMapping
  public Page<ConnectionView> list(
      @AuthenticationPrincipal ApiPrincipal me,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(
        connections.list(me.actor()).stream().map(ConnectionView::of).toList(), offset, limit);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public ConnectionView create(
      @AuthenticationPrincipal ApiPrincipal me, @RequestBody NewConnection body) {
    return ConnectionView.of(
        connections.create(
            me.actor(),
            new ConnectionRequest(
                body.name(),
                body.vpcId(),
                body.peerVpcId(),
                body.peerAccountId(),
                body.peerRegion(),
                body.capMbps()),
            body.chargeMode() == null ? ChargeMode.DAILY_PEAK : body.chargeMode(),
            billingZone));
  }

  @GetMapping("/{connectionId}")
  public ConnectionDetail show(
      @AuthenticationPrincipal ApiPrincipal me, @PathVariable String connectionId) {
    String actor = me.actor();
    Connection connection = connections.show(actor, connectionId);
    List<ChargeModeChange> modes = peering.chargeModes().history(actor, connectionId);
    return new ConnectionDetail(
        ConnectionView.of(connection),
        connections.history(actor, connectionId).stream().map(TransitionView::of).toList(),
        connections.capHistory(actor, connectionId).stream().map(CapView::of).toList(),
        ChargeModes.inForce(modes, clock.instant()).name(),
        modes.stream().map(ChargeModeView::of).toList());
  }

  @PostMapping("/{connectionId}/accept")
  public ConnectionView accept(
      @AuthenticationPrincipal ApiPrincipal me, @PathVariable String connectionId) {
    return ConnectionView.of(connections.accept(me.actor(), connectionId));
  }

  @PostMapping("/{connectionId}/reject")
  public ConnectionView reject(
      @AuthenticationPrincipal ApiPrincipal me, @PathVariable String connectionId) {
    return ConnectionView.of(connections.reject(me.actor(), connectionId));
  }

  @PostMapping("/{connectionId}/withdraw")
  public ConnectionView withdraw(
      @AuthenticationPrincipal ApiPrincipal me, @PathVariable String connectionId) {
    return ConnectionView.of(connections.withdraw(me.actor(), connectionId));
  }

  /** Either end deletes (R7); the requester deleting its pending request withdraws it (D1). */
  @DeleteMapping("/{connectionId}")
  public ConnectionView delete(
      @AuthenticationPrincipal ApiPrincipal me, @PathVariable String connectionId) {
    return ConnectionView.of(connections.delete(me.actor(), connectionId));
  }

  @PutMapping("/{connectionId}/cap")
  public ConnectionView setCap(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String connectionId,
      @RequestBody NewCap body) {
    if (body.capMbps() == null) {
      throw ApiException.invalid("cap_mbps is required");
    }
    return ConnectionView.of(connections.setCap(me.actor(), connectionId, body.capMbps()));
  }

  /**
   * D13: the requester's account (it pays, D8) changes the charge mode of its live cross-region
   * connection from the next calendar month in the billing zone on; the change joins the history
   * that {@code GET} of the connection shows.
   */
  @PutMapping("/{connectionId}/charge-mode")
  public ChargeModeView setChargeMode(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String connectionId,
      @RequestBody NewChargeMode body) {
    if (body.chargeMode() == null) {
      throw ApiException.invalid("charge_mode is required: DAILY_PEAK or MONTHLY_95TH");
    }
    return ChargeModeView.of(
        peering.chargeModes().set(me.actor(), connectionId, body.chargeMode(), billingZone));
  }

  /** R13: the routes whose next hop is the connection. */
  @GetMapping("/{connectionId}/routes")
  public List<RelatedRouteView> routes(
      @AuthenticationPrincipal ApiPrincipal me, @PathVariable String connectionId) {
    return peering.routes().related(me.actor(), connectionId).stream()
        .map(RelatedRouteView::of)
        .toList();
  }

  /** The ACTIVE intervals within [from, to): what billing uses (D1, D9). */
  @GetMapping("/{connectionId}/active-intervals")
  public List<ActiveInterval> activeIntervals(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String connectionId,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
    connections.show(me.actor(), connectionId);
    return peering.activeIntervals().of(connectionId, from.toInstant(), to.toInstant());
  }
}
