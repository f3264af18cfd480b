package io.peerbill.peering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts a typed refusal: its code, and that its message is one line naming the values. */
final class Refusals {

  private Refusals() {}

  static PeeringException refused(ErrorCode code, ThrowingCallable call) {
    PeeringException[] caught = new PeeringException[1];
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PeeringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).startsWith(code.name() + " (" + code.rule() + "): ");
              assertThat(e.getMessage()).doesNotContain("\n");
              caught[0] = e;
            });
    return caught[0];
  }
}
