package io.peerbill.billing.statement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One payer account's bill for one day in one currency: the total of its current lines, what the
 * previous statement said (null for the first), and the difference a re-run made.
 */
public record Statement(
    String accountId,
    LocalDate billDay,
    String currency,
    int lineCount,
    int failedCount,
    BigDecimal total,
    BigDecimal previousTotal,
    BigDecimal adjustment,
    int revision) {}
