package io.peerbill.billing.statement.html;

import java.time.Instant;

/** A bandwidth cap in force from {@code from} (clamped to the day's start) until the next step. */
public record CapStep(Instant from, int capMbps) {}
