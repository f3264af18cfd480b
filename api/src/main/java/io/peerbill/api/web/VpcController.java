package io.peerbill.api.web;

import io.peerbill.api.security.ApiPrincipal;
import io.peerbill.api.web.Requests.NewCidr;
import io.peerbill.api.web.Requests.NewRouteTable;
import io.peerbill.api.web.Requests.NewSubnet;
import io.peerbill.api.web.Requests.NewVpc;
import io.peerbill.api.web.Views.RouteTableView;
import io.peerbill.api.web.Views.SubnetView;
import io.peerbill.api.web.Views.VpcView;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.VpcService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The account's VPCs with their CIDR blocks, subnets and route tables (D2: own VPCs only). */
@RestController
@RequestMapping("/v1/vpcs")
public class VpcController {

  private final VpcService vpcs;

  public VpcController(io.peerbill.peering.Peering peering) {
    this.vpcs = peering.vpcs();
  }

  @GetMapping
  public Page<VpcView> list(
      @AuthenticationPrincipal ApiPrincipal me,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(vpcs.list(me.actor()).stream().map(VpcView::of).toList(), offset, limit);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public VpcView create(@AuthenticationPrincipal ApiPrincipal me, @RequestBody NewVpc body) {
    return VpcView.of(
        vpcs.create(me.actor(), body.region(), body.name(), Views.blocks(body.cidrs())));
  }

  @GetMapping("/{vpcId}")
  public VpcView show(@AuthenticationPrincipal ApiPrincipal me, @PathVariable String vpcId) {
    return VpcView.of(vpcs.show(me.actor(), vpcId));
  }

  @PostMapping("/{vpcId}/cidrs")
  public VpcView addCidr(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String vpcId,
      @RequestBody NewCidr body) {
    return VpcView.of(vpcs.addBlock(me.actor(), vpcId, CidrBlock.parse(body.cidr())));
  }

  @GetMapping("/{vpcId}/subnets")
  public Page<SubnetView> subnets(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String vpcId,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(
        vpcs.subnets(me.actor(), vpcId).stream().map(SubnetView::of).toList(), offset, limit);
  }

  @PostMapping("/{vpcId}/subnets")
  @ResponseStatus(HttpStatus.CREATED)
  public SubnetView createSubnet(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String vpcId,
      @RequestBody NewSubnet body) {
    return SubnetView.of(
        vpcs.createSubnet(
            me.actor(), vpcId, body.name(), CidrBlock.parse(body.cidr()), body.routeTableId()));
  }

  @GetMapping("/{vpcId}/route-tables")
  public Page<RouteTableView> routeTables(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String vpcId,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(
        vpcs.routeTables(me.actor(), vpcId).stream().map(RouteTableView::of).toList(),
        offset,
        limit);
  }

  @PostMapping("/{vpcId}/route-tables")
  @ResponseStatus(HttpStatus.CREATED)
  public RouteTableView createRouteTable(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String vpcId,
      @RequestBody NewRouteTable body) {
    return RouteTableView.of(vpcs.createRouteTable(me.actor(), vpcId, body.name()));
  }
}
