package io.peerbill.api.web;

import io.peerbill.api.security.ApiPrincipal;
import io.peerbill.api.web.Requests.NewRoute;
import io.peerbill.api.web.Views.RouteView;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Ipv4;
import io.peerbill.peering.Peering;
import io.peerbill.peering.Reachability;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Routes of the account's route tables (R2), and whether a subnet reaches an address (R1, R7). */
@RestController
public class RouteController {

  private final Peering peering;

  public RouteController(Peering peering) {
    this.peering = peering;
  }

  @GetMapping("/v1/route-tables/{routeTableId}/routes")
  public Page<RouteView> routes(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String routeTableId,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(
        peering.routes().list(me.actor(), routeTableId).stream().map(RouteView::of).toList(),
        offset,
        limit);
  }

  @PostMapping("/v1/route-tables/{routeTableId}/routes")
  @ResponseStatus(HttpStatus.CREATED)
  public RouteView add(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String routeTableId,
      @RequestBody NewRoute body) {
    return RouteView.of(
        peering
            .routes()
            .add(
                me.actor(),
                routeTableId,
                CidrBlock.parse(body.destination()),
                body.peeringConnectionId()));
  }

  /** The destination is a query parameter: a CIDR's slash has no place in a path segment. */
  @DeleteMapping("/v1/route-tables/{routeTableId}/routes")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void remove(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String routeTableId,
      @RequestParam String destination) {
    peering.routes().remove(me.actor(), routeTableId, CidrBlock.parse(destination));
  }

  public record ReachabilityView(String subnetId, String address, boolean reachable, String why) {}

  @GetMapping("/v1/subnets/{subnetId}/can-reach")
  public ReachabilityView canReach(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String subnetId,
      @RequestParam String address) {
    Reachability.Verdict v =
        peering.reachability().explain(me.actor(), subnetId, Ipv4.parse(address));
    return new ReachabilityView(subnetId, address, v.reachable(), v.reason());
  }
}
