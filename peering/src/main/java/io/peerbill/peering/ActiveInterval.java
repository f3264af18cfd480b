package io.peerbill.peering;

import java.time.Instant;

/** A half-open span {@code [from, to)} during which a connection was ACTIVE. */
public record ActiveInterval(Instant from, Instant to) {}
