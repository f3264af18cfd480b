package io.peerbill.api.web;

import io.peerbill.api.security.ApiPrincipal;
import io.peerbill.api.web.Views.AccountView;
import io.peerbill.api.web.Views.RegionView;
import io.peerbill.peering.Peering;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The calling account itself (its id is what a peer types in, R15), and the regions. */
@RestController
public class AccountController {

  private final Peering peering;

  public AccountController(Peering peering) {
    this.peering = peering;
  }

  @GetMapping("/v1/account")
  public AccountView account(@AuthenticationPrincipal ApiPrincipal me) {
    return AccountView.of(peering.directory().account(me.actor()));
  }

  @GetMapping("/v1/regions")
  public Page<RegionView> regions(
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(
        peering.directory().regions().stream().map(RegionView::of).toList(), offset, limit);
  }
}
