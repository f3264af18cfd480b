package io.peerbill.peering;

import java.time.Instant;

/** A bandwidth cap in force from {@code effectiveFrom} until the next change (D3, R16). */
public record CapChange(int capMbps, Instant effectiveFrom, String actor) {}
