package io.peerbill.alerting.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerbill.alerting.AlertEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The JSON body of a webhook: what happened (event id, state), by which rule (policy, metric,
 * comparator, threshold, severity), on what (connection, value) and when (window).
 */
public final class WebhookPayload {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayload() {}

  public static String of(AlertEvent e, String policyName) {
    ObjectNode body = JSON.createObjectNode();
    body.put("event_id", e.id().toString());
    body.put("state", e.state().name());
    ObjectNode policy = body.putObject("policy");
    policy.put("id", e.policyId());
    policy.put("name", policyName);
    policy.put("revision", e.policyRevision());
    body.put("account_id", e.accountId());
    body.put("connection_id", e.connectionId());
    body.put("metric", e.metric().vendorName());
    body.put("unit", e.metric().unit());
    body.put("comparator", e.comparison().symbol());
    body.put("threshold", e.threshold());
    // Measured values are shown to 3 decimals, like thresholds.
    body.put("value", BigDecimal.valueOf(e.value()).setScale(3, RoundingMode.HALF_UP));
    body.put("severity", e.severity().label());
    ObjectNode window = body.putObject("window");
    window.put("start", e.windowStart().toString());
    window.put("end", e.windowEnd().toString());
    window.put("period_seconds", e.windowEnd().getEpochSecond() - e.windowStart().getEpochSecond());
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
