package io.peerbill.api.error;

/**
 * The one error body of the API: the stable code the CLI prints, the rule of DOMAIN.md it enforces
 * (or "input", "auth"), and a one-line message, e.g. {@code
 * {"code":"CIDR_OVERLAP","rule":"R4","message":"..."}}.
 */
public record ApiError(String code, String rule, String message) {}
