package io.peerbill.api.operator;

import io.peerbill.api.web.Page;
import io.peerbill.api.web.Views.AccountView;
import io.peerbill.api.web.Views.RegionView;
import io.peerbill.peering.Account;
import io.peerbill.peering.Directory;
import io.peerbill.peering.Peering;
import io.peerbill.peering.Region;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator: registers regions (with their geo zones, D7) and accounts. */
@RestController
@RequestMapping("/v1/operator")
public class DirectoryController {

  private final Directory directory;

  public DirectoryController(Peering peering) {
    this.directory = peering.directory();
  }

  public record NewRegion(String code, String name, String geoZone) {}

  public record NewAccount(String id, String name) {}

  @GetMapping("/regions")
  public Page<RegionView> regions(
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(directory.regions().stream().map(RegionView::of).toList(), offset, limit);
  }

  @PostMapping("/regions")
  @ResponseStatus(HttpStatus.CREATED)
  public RegionView addRegion(@RequestBody NewRegion body) {
    Region r = directory.registerRegion(body.code(), body.name(), body.geoZone());
    return new RegionView(r.code(), r.name(), r.geoZone());
  }

  @GetMapping("/accounts")
  public Page<AccountView> accounts(
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(
        directory.accounts().stream().map(a -> new AccountView(a.id(), a.name())).toList(),
        offset,
        limit);
  }

  @PostMapping("/accounts")
  @ResponseStatus(HttpStatus.CREATED)
  public AccountView register(@RequestBody NewAccount body) {
    Account a = directory.registerAccount(body.id(), body.name());
    return new AccountView(a.id(), a.name());
  }
}
