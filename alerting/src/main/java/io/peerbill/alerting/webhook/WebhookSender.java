package io.peerbill.alerting.webhook;

import io.peerbill.alerting.AlertPolicyRepository;
import io.peerbill.alerting.InvalidAlertPolicyException;
import io.peerbill.alerting.WebhookSecretCipher;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhooks from the outbox, one round at a time: claims a batch, posts them concurrently
 * (signed, each with its timeout) and records every attempt. It runs apart from the metering path
 * (see {@link WebhookDelivery}), so a slow or dead endpoint delays only its own deliveries.
 */
public final class WebhookSender {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final WebhookOutbox outbox;
  private final AlertPolicyRepository policies;
  private final WebhookSettings settings;
  private final Clock clock;
  private final WebhookSecretCipher secrets;
  private final HttpClient http;
  private volatile boolean plaintextSealed;

  /** With the configured secret key. */
  public WebhookSender(DSLContext dsl, WebhookSettings settings, Clock clock) {
    this(dsl, settings, clock, WebhookSecretCipher.fromEnvironment());
  }

  public WebhookSender(
      DSLContext dsl, WebhookSettings settings, Clock clock, WebhookSecretCipher secrets) {
    this.outbox = new WebhookOutbox(dsl, settings);
    this.policies = new AlertPolicyRepository(dsl, secrets);
    this.settings = settings;
    this.clock = clock;
    this.secrets = secrets;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends what is due now; returns how many attempts were made. The first round of a sender first
   * seals the secrets still stored in the clear (every delivery path runs through here).
   */
  public int sendDue() {
    if (!plaintextSealed) {
      int sealed = policies.sealPlaintextSecrets();
      if (sealed > 0) {
        LOG.info("sealed {} webhook secret(s) stored before secrets were encrypted", sealed);
      }
      plaintextSealed = true;
    }
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
      URI url = URI.create(d.url());
      // Again before each attempt: a name can resolve to another address than when it was saved.
      settings.targets().check(url);
      request =
          HttpRequest.newBuilder(url)
              .timeout(settings.timeout())
              .header("Content-Type", "application/json")
              .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(WebhookSignature.SIGNATURE_HEADER, signature(d, timestamp))
              .header(WebhookSignature.EVENT_ID_HEADER, d.eventId().toString())
              .POST(HttpRequest.BodyPublishers.ofString(d.body()))
              .build();
    } catch (InvalidAlertPolicyException refused) {
      record(
          d,
          started,
          AttemptOutcome.CONNECTION_ERROR,
          null,
          refused.code() + ": " + refused.getMessage());
      return CompletableFuture.completedFuture(null);
    } catch (IllegalArgumentException badUrl) {
      record(d, started, AttemptOutcome.CONNECTION_ERROR, null, "bad URL: " + badUrl.getMessage());
      return CompletableFuture.completedFuture(null);
    } catch (IllegalStateException unreadableSecret) {
      record(d, started, AttemptOutcome.CONNECTION_ERROR, null, unreadableSecret.getMessage());
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
    // Opened only to sign: the secret is stored sealed and held in the clear nowhere else.
    return WebhookSignature.sign(secrets.open(d.storedSecret()), timestamp, d.body());
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
