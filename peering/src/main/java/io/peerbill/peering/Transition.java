package io.peerbill.peering;

import java.time.Instant;

/** One recorded state change of a connection (D1); {@code from} is null for its creation. */
public record Transition(
    String connectionId, ConnectionState from, ConnectionState to, String actor, Instant at) {}
