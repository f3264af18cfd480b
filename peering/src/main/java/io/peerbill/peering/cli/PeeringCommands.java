package io.peerbill.peering.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** The peering commands for {@code ./peerbill}, and a factory to run them on a given session. */
public final class PeeringCommands {

  /** Top-level commands, in the order {@code --help} lists them. */
  public static final List<Class<?>> ALL =
      List.of(
          AccountCommand.class,
          RegionCommand.class,
          VpcCommand.class,
          SubnetCommand.class,
          RouteCommand.class,
          PeeringCommand.class);

  private PeeringCommands() {}

  /** Creates commands that run against {@code opener}'s sessions instead of the configured one. */
  public static IFactory factory(Session.Opener opener) {
    IFactory standard = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = standard.create(type);
        if (made instanceof CommandBase command) {
          command.opener = opener;
        }
        return made;
      }
    };
  }
}
