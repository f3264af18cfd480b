package io.peerbill.alerting.webhook;

import java.util.UUID;

/**
 * A webhook claimed for sending: where to, with which secret, the body, and how many attempts were
 * made before this one.
 */
public record PendingDelivery(
    UUID eventId, int attemptsBefore, String url, String storedSecret, String body) {}
