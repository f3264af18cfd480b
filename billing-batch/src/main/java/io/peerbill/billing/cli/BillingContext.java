package io.peerbill.billing.cli;

import io.peerbill.billing.BillingApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The billing application started for one CLI command (no schedule), closed after it. */
final class BillingContext {

  private BillingContext() {}

  static ConfigurableApplicationContext start(String... profiles) {
    return new SpringApplicationBuilder(BillingApplication.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .profiles(profiles)
        .run();
  }
}
