package io.peerbill.api.operator;

import io.peerbill.api.web.Page;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffCsv;
import io.peerbill.billing.tariff.TariffRepository;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator: the price catalog (D7), loaded from the CSV that {@code tariff load} reads. */
@RestController
@RequestMapping("/v1/operator/tariffs")
public class TariffController {

  private final TariffRepository tariffs;

  public TariffController(TariffRepository tariffs) {
    this.tariffs = tariffs;
  }

  public record Loaded(int loaded, List<Tariff> tariffs) {}

  @GetMapping
  public Page<Tariff> list(
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(tariffs.all(), offset, limit);
  }

  /** All or nothing; a tariff with the class and effective day of a stored one replaces it. */
  @PostMapping(consumes = "text/csv")
  @ResponseStatus(HttpStatus.CREATED)
  public Loaded load(@RequestBody String csv) {
    List<Tariff> parsed = TariffCsv.parse(csv);
    tariffs.load(parsed);
    return new Loaded(parsed.size(), parsed);
  }
}
