package io.peerbill.api.alert;

import io.peerbill.alerting.AlertHistoryRepository;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.AlertSummary;
import io.peerbill.alerting.webhook.WebhookOutbox;
import io.peerbill.api.alert.PolicyBody.PolicyView;
import io.peerbill.api.error.ApiException;
import io.peerbill.api.security.ApiPrincipal;
import io.peerbill.api.web.Page;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's alert policies (D11) through the alerting module's {@link AlertPolicyService}, its
 * alert history, and the webhook deliveries of its alerts with their attempts.
 */
@RestController
public class AlertController {

  private final AlertPolicyService policies;
  private final AlertHistoryRepository history;
  private final WebhookOutbox outbox;

  public AlertController(DSLContext sql, WebhookOutbox outbox) {
    this.policies = new AlertPolicyService(sql);
    this.history = new AlertHistoryRepository(sql);
    this.outbox = outbox;
  }

  @GetMapping("/v1/alert-policies")
  public Page<PolicyView> list(
      @AuthenticationPrincipal ApiPrincipal me,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(policies.list(me.actor()).stream().map(PolicyView::of).toList(), offset, limit);
  }

  @PostMapping("/v1/alert-policies")
  @ResponseStatus(HttpStatus.CREATED)
  public PolicyView create(@AuthenticationPrincipal ApiPrincipal me, @RequestBody PolicyBody body) {
    return PolicyView.of(policies.create(me.actor(), body.spec()));
  }

  @GetMapping("/v1/alert-policies/{policyId}")
  public PolicyView show(@AuthenticationPrincipal ApiPrincipal me, @PathVariable long policyId) {
    return PolicyView.of(policies.show(me.actor(), policyId));
  }

  /** Replaces the policy's spec (a new revision, which the running stream picks up). */
  @PutMapping("/v1/alert-policies/{policyId}")
  public PolicyView update(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable long policyId,
      @RequestBody PolicyBody body) {
    return PolicyView.of(policies.update(me.actor(), policyId, body.spec()));
  }

  @PostMapping("/v1/alert-policies/{policyId}/enable")
  public PolicyView enable(@AuthenticationPrincipal ApiPrincipal me, @PathVariable long policyId) {
    return PolicyView.of(policies.setEnabled(me.actor(), policyId, true));
  }

  @PostMapping("/v1/alert-policies/{policyId}/disable")
  public PolicyView disable(@AuthenticationPrincipal ApiPrincipal me, @PathVariable long policyId) {
    return PolicyView.of(policies.setEnabled(me.actor(), policyId, false));
  }

  @DeleteMapping("/v1/alert-policies/{policyId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void delete(@AuthenticationPrincipal ApiPrincipal me, @PathVariable long policyId) {
    policies.delete(me.actor(), policyId);
  }

  /** Each (policy, connection) alert as it stands; {@code firing=true} keeps the firing ones. */
  @GetMapping("/v1/alerts")
  public Page<AlertSummary> alerts(
      @AuthenticationPrincipal ApiPrincipal me,
      @RequestParam(defaultValue = "false") boolean firing,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(history.list(me.actor(), firing), offset, limit);
  }

  @GetMapping("/v1/webhook-deliveries")
  public Page<WebhookOutbox.Delivery> deliveries(
      @AuthenticationPrincipal ApiPrincipal me,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    return Page.of(outbox.deliveriesOf(me.actor()), offset, limit);
  }

  @GetMapping("/v1/webhook-deliveries/{eventId}/attempts")
  public List<WebhookOutbox.Attempt> attempts(
      @AuthenticationPrincipal ApiPrincipal me, @PathVariable UUID eventId) {
    return outbox
        .attemptsOf(me.actor(), eventId)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "DELIVERY_NOT_FOUND",
                    "account " + me.actor() + " has no webhook delivery " + eventId));
  }
}
