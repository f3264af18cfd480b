package io.peerbill.api;

import io.peerbill.api.key.ApiKeys;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringSettings;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The services the API runs, the same the CLI runs, over the application's one database. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

  @Bean
  public Peering peering(
      DSLContext sql, Clock clock, @Value("${peerbill.peering.max-per-vpc:10}") int maxPerVpc) {
    return new Peering(sql, clock, PeeringSettings.DEFAULTS.withMaxConnectionsPerVpc(maxPerVpc));
  }

  @Bean
  public ApiKeys apiKeys(DSLContext sql, Clock clock) {
    return new ApiKeys(sql, clock);
  }
}
