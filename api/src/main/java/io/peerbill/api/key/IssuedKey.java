package io.peerbill.api.key;

/** A key just created: the stored key and the token, shown once and never stored. */
public record IssuedKey(ApiKey key, String token) {}
