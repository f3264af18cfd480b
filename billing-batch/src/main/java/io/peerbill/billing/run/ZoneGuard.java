package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLineRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A day billed in one zone is not silently billed again in another: its lines are keyed by
 * connection and date, so the second zone's run would replace them. The operator may say so ({@code
 * --rebill-zone}); each line the new zone changes then keeps its earlier value as a revision naming
 * both zones.
 */
@Component
public class ZoneGuard {

  private final BillLineRepository lines;

  public ZoneGuard(BillLineRepository lines) {
    this.lines = lines;
  }

  /**
   * @throws DayBilledInAnotherZoneException unless {@code rebillZone}
   */
  public void check(BillingDay day, boolean rebillZone) {
    List<String> others =
        lines.zonesOn(day.date()).stream().filter(z -> !z.equals(day.zone().getId())).toList();
    if (!others.isEmpty() && !rebillZone) {
      throw new DayBilledInAnotherZoneException(
          "cannot bill "
              + day
              + ": "
              + day.date()
              + " is billed in "
              + String.join(", ", others)
              + "; --rebill-zone re-bills it in "
              + day.zone().getId()
              + " (each changed line keeps its earlier value as a revision)");
    }
  }

  /** The day's lines are of another zone. */
  public static final class DayBilledInAnotherZoneException extends RuntimeException {
    DayBilledInAnotherZoneException(String message) {
      super(message);
    }
  }
}
