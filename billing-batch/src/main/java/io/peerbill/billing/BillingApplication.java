package io.peerbill.billing;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The billing application. Started with the {@code service} profile (the default of {@link #main})
 * it stays up and bills the previous day on the configured schedule; the CLI starts it without that
 * profile to run one command.
 */
@SpringBootApplication
@EnableConfigurationProperties(BillingProperties.class)
public class BillingApplication {

  /** Real time for the expiry sweep; tests may replace it. */
  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(BillingApplication.class);
    application.setAdditionalProfiles("service");
    application.run(args);
  }
}
