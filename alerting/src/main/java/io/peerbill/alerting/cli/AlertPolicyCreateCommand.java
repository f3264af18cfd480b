package io.peerbill.alerting.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description =
        "Create a policy (needs --name, --metric, --comparator, --threshold,"
            + " --connection or --all-connections, --webhook-url, --webhook-secret).")
final class AlertPolicyCreateCommand extends AlertPolicyCommand.PolicySubcommand {

  @Mixin PolicyOptions options;

  @Override
  public Integer call() {
    String account = as.require();
    var spec = options.toNewSpec();
    print(parent.withService(s -> s.create(account, spec)));
    return 0;
  }
}
