package io.peerbill.api;

import io.peerbill.alerting.webhook.WebhookOutbox;
import io.peerbill.alerting.webhook.WebhookSettings;
import io.peerbill.api.change.ChangeNotices;
import io.peerbill.api.key.ApiKeys;
import io.peerbill.api.traffic.TrafficAnswers;
import io.peerbill.db.Database;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/** The services the API runs, the same the CLI runs, over the application's one database. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

  @Bean
  public Peering peering(
      DSLContext sql, Clock clock, @Value("${peerbill.peering.max-per-vpc:10}") int maxPerVpc) {
    return new Peering(sql, clock, PeeringSettings.DEFAULTS.withMaxConnectionsPerVpc(maxPerVpc));
  }

  /** The webhook outbox's one owner, alerting's repository: the API reads deliveries through it. */
  @Bean
  public WebhookOutbox webhookOutbox(DSLContext sql) {
    return new WebhookOutbox(sql, WebhookSettings.defaults());
  }

  @Bean
  public ApiKeys apiKeys(DSLContext sql, Clock clock) {
    return new ApiKeys(sql, clock);
  }

  /**
   * The server keeps keys and usage answers in memory while it hears every change to them: key
   * revocations and V62's traffic notices.
   */
  @Bean(destroyMethod = "close")
  public ChangeNotices changeNotices(Database database, ApiKeys keys, TrafficAnswers traffic) {
    return ChangeNotices.start(
        database.connectionConfig(),
        Map.of(
            ApiKeys.REVOKED_CHANNEL,
            new ChangeNotices.Subscriber(keys::cacheKeys, keys::forget),
            TrafficAnswers.CHANNEL,
            traffic.subscriber()));
  }

  /**
   * A client that changed something here reads its change at once, without waiting for the notice
   * to come back from the database.
   */
  @Bean
  public OncePerRequestFilter forgetAnswersAfterWrites(TrafficAnswers traffic) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          chain.doFilter(request, response);
        } finally {
          if (response.getStatus() < 400
              && !HttpMethod.GET.matches(request.getMethod())
              && !HttpMethod.HEAD.matches(request.getMethod())) {
            traffic.forgetAll();
          }
        }
      }
    };
  }
}
