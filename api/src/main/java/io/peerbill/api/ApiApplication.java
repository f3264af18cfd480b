package io.peerbill.api;

import io.peerbill.billing.BillingApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The HTTP API: the billing application's beans (its database, billing run, repositories) plus the
 * peering services, API keys and the web layer, under the {@code api} profile ({@code
 * application-api.yml}). There are no users or passwords: API keys only.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@Import(BillingApplication.class)
public class ApiApplication {

  public static final String PROFILE = "api";

  /** Starts the server; {@code args} win over every file, e.g. {@code --server.port=8480}. */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(ApiApplication.class)
        .web(WebApplicationType.SERVLET)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .profiles(PROFILE)
        .run(args);
  }

  public static void main(String[] args) {
    new SpringApplicationBuilder(ApiApplication.class).profiles(PROFILE).run(args);
  }
}
