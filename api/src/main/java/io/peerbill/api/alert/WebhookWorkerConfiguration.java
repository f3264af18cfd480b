package io.peerbill.api.alert;

import io.peerbill.alerting.webhook.WebhookDelivery;
import io.peerbill.alerting.webhook.WebhookSender;
import io.peerbill.alerting.webhook.WebhookSettings;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code peerbill api} also drains the webhook outbox (alerting's delivery worker), so notices of
 * alerts raised by a stream reach their receivers while the API runs; {@code
 * peerbill.api.deliver-webhooks=false} leaves that to {@code peerbill alerts deliver}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "peerbill.api.deliver-webhooks",
    havingValue = "true",
    matchIfMissing = true)
public class WebhookWorkerConfiguration {

  @Bean(destroyMethod = "close")
  public WebhookDelivery webhookDelivery(DSLContext sql, Clock clock) {
    return WebhookDelivery.start(new WebhookSender(sql, WebhookSettings.defaults(), clock));
  }
}
