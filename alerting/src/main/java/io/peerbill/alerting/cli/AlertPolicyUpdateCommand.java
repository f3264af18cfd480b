package io.peerbill.alerting.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = "Change the options given; the running job picks the change up without restart.")
final class AlertPolicyUpdateCommand extends AlertPolicyCommand.PolicySubcommand {

  @Parameters(paramLabel = "ID", description = "Policy id, as `alert-policy list` shows it.")
  long id;

  @Mixin PolicyOptions options;

  @Override
  public Integer call() {
    String account = as.require();
    print(
        parent.withService(
            s -> s.update(account, id, options.applyTo(s.show(account, id).spec()))));
    return 0;
  }
}
