package io.peerbill.alerting.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jooq.DSLContext;

/**
 * Sends due webhooks from the outbox, one round at a time: claims a batch, posts them concurrently
 * (signed, each with its timeout) and records every attempt. It runs apart from the metering path
 * (see {@link WebhookDelivery}), so a slow or dead endpoint delays only its own deliveries.
 */
public final class WebhookSender {

  private final WebhookOutbox outbox;
  private final WebhookSettings settings;
  private final Clock clock;
  private final HttpClient http;

  public WebhookSender(DSLContext dsl, WebhookSettings settings, Clock clock) {
    this.outbox = new WebhookOutbox(dsl, settings);
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Sends what is due now; returns how many attempts were made. */
  public int sendDue() {
    List<PendingDelivery> due = outbox.claimDue(clock.instant());
    List<CompletableFuture<Void>> attempts = new ArrayList<>(due.size());
    for (PendingDelivery d : due) {
      attempts.add(attempt(d));
    }
    attempts.forEach(CompletableFuture::join);
    return due.size();
  }

  public WebhookSettings settings() {
    return settings;
  }

  private CompletableFuture<Void> attempt(PendingDelivery d) {
    Instant started = clock.instant();
    long timestamp = started.getEpochSecond();
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(d.url()))
              .timeout(settings.timeout())
              .header("Content-Type", "application/json")
              .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(WebhookSignature.SIGNATURE_HEADER, signature(d, timestamp))
              .header(WebhookSignature.EVENT_ID_HEADER, d.eventId().toString())
              .POST(HttpRequest.BodyPublishers.ofString(d.body()))
              .build();
    } catch (IllegalArgumentException badUrl) {
      record(d, started, AttemptOutcome.CONNECTION_ERROR, null, "bad URL: " + badUrl.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                boolean timedOut = cause instanceof HttpTimeoutException;
                record(
                    d,
                    started,
                    timedOut ? AttemptOutcome.TIMEOUT : AttemptOutcome.CONNECTION_ERROR,
                    null,
                    describe(cause, timedOut));
              } else if (response.statusCode() / 100 == 2) {
                record(d, started, AttemptOutcome.DELIVERED, response.statusCode(), null);
              } else {
                record(
                    d,
                    started,
                    AttemptOutcome.HTTP_ERROR,
                    response.statusCode(),
                    "HTTP " + response.statusCode());
              }
              return null;
            });
  }

  private String signature(PendingDelivery d, long timestamp) {
    return WebhookSignature.sign(d.secret(), timestamp, d.body());
  }

  private void record(
      PendingDelivery d, Instant started, AttemptOutcome outcome, Integer status, String error) {
    outbox.recordAttempt(d, started, clock.instant(), outcome, status, error);
  }

  private String describe(Throwable cause, boolean timedOut) {
    if (timedOut) {
      return "no response within " + settings.timeout().toMillis() + " ms";
    }
    String message = cause.getMessage();
    if (cause instanceof IOException && message != null) {
      return cause.getClass().getSimpleName() + ": " + message;
    }
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
