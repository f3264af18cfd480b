package io.peerbill.peering;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs a unit of work in one transaction. Conflicting operations lock the VPC rows they involve in
 * id order, so they queue rather than deadlock; should PostgreSQL still break a deadlock (a lock
 * set that grew after it was read), the work is retried from the start on a fresh snapshot.
 */
final class Transactions {

  private static final int ATTEMPTS = 5;

  private Transactions() {}

  static <T> T inTransaction(DSLContext sql, Function<DSLContext, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return sql.transactionResult(tx -> work.apply(tx.dsl()));
      } catch (DataAccessException e) {
        String state = e.sqlState();
        boolean retryable = "40P01".equals(state) || "40001".equals(state);
        if (!retryable || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
