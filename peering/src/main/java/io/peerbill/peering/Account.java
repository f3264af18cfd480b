package io.peerbill.peering;

/** A customer account; its id is what a peer types in for cross-account peering (R15). */
public record Account(String id, String name) {}
