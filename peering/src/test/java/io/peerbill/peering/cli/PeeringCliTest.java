package io.peerbill.peering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringSettings;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/** The peering commands run in-process against a real test database. */
@ExtendWith(PostgresExtension.class)
class PeeringCliTest {

  @Command(name = "peerbill", mixinStandardHelpOptions = true)
  static final class Root {}

  record Result(int exit, String out, String err) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private Peering peering;

  @BeforeEach
  void database(TestDatabase db) {
    peering = new Peering(db.dsl(), Clock.systemUTC(), PeeringSettings.DEFAULTS);
  }

  /** Runs one command line, its words separated by spaces. */
  private Result run(String line) {
    return execute(line.strip().split("\\s+"));
  }

  private Result execute(String... args) {
    Session session =
        new Session() {
          @Override
          public Peering peering() {
            return peering;
          }

          @Override
          public void close() {}
        };
    CommandLine cli = tree(() -> session);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    // As the launcher does: the message alone, on one line.
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("peerbill: " + e.getMessage());
          return 1;
        });
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private JsonNode json(String line) throws Exception {
    Result result = run(line + " --json");
    assertThat(result.exit()).as(result.err()).isZero();
    return JSON.readTree(result.out());
  }

  @Test
  void everyCommandHasHelp() {
    List<CommandLine> all = new ArrayList<>();
    collect(tree(() -> null), all);
    assertThat(all).hasSizeGreaterThan(25);
    for (CommandLine command : all) {
      String[] path = command.getCommandSpec().qualifiedName(" ").split(" ");
      List<String> args = new ArrayList<>(List.of(path).subList(1, path.length));
      args.add("--help");
      Result help = execute(args.toArray(String[]::new));
      assertThat(help.exit()).as(String.join(" ", args)).isZero();
      assertThat(help.out()).as(String.join(" ", args)).startsWith("Usage: peerbill");
    }
  }

  /** The peering commands under a root, as the launcher registers them. */
  private static CommandLine tree(Session.Opener opener) {
    IFactory factory = PeeringCommands.factory(opener);
    CommandLine root = new CommandLine(new Root(), factory);
    for (Class<?> command : PeeringCommands.ALL) {
      root.addSubcommand(new CommandLine(command, factory));
    }
    return root;
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  @Test
  void twoAccountsPeerRouteReachAndDelete() throws Exception {
    run("region add ap-guangzhou --geo-zone cn-mainland");
    run("region add ap-singapore --geo-zone overseas");
    run("account register 100001 --name Acme");
    run("account register 100002 --name Globex");
    assertThat(run("account show --as 100002").out())
        .isEqualTo("account: 100002\nname:    Globex\n".replace("\n", System.lineSeparator()));

    String vpcA =
        json("vpc create --as 100001 --region ap-guangzhou --name a --cidr 10.1.0.0/16")
            .get("vpc")
            .asText();
    String vpcB =
        json("vpc create --as 100002 --region ap-singapore --name b --cidr 10.2.0.0/16")
            .get("vpc")
            .asText();
    String subnetA =
        json("subnet create --as 100001 --vpc " + vpcA + " --name s --cidr 10.1.1.0/24")
            .get("subnet")
            .asText();
    json("subnet create --as 100002 --vpc " + vpcB + " --name s --cidr 10.2.1.0/24");
    String rtbA = json("route tables --as 100001 --vpc " + vpcA).get(0).get("route_table").asText();
    String rtbB = json("route tables --as 100002 --vpc " + vpcB).get(0).get("route_table").asText();

    JsonNode pcx =
        json(
            "peering create --as 100001 --name ab --vpc "
                + vpcA
                + " --peer-account 100002 --peer-vpc "
                + vpcB
                + " --bandwidth 200");
    assertThat(pcx.get("state").asText()).isEqualTo("PENDING_ACCEPTANCE");
    String id = pcx.get("peering").asText();
    assertThat(json("peering accept --as 100002 " + id).get("state").asText()).isEqualTo("ACTIVE");
    run("route add --as 100001 --table " + rtbA + " --destination 10.2.0.0/16 --peering " + id);
    assertThat(run("peering can-reach --as 100001 --from " + subnetA + " --to 10.2.1.9").out())
        .startsWith("reachable: no");
    run("route add --as 100002 --table " + rtbB + " --destination 10.1.0.0/16 --peering " + id);
    assertThat(run("peering can-reach --as 100001 --from " + subnetA + " --to 10.2.1.9").out())
        .startsWith("reachable: yes");
    Result related = run("peering routes --as 100001 " + id);
    assertThat(related.out().lines().toList())
        .containsExactly(
            "DESTINATION  ROUTE_TABLE   VPC           SUBNETS",
            "10.2.0.0/16  " + rtbA + "  " + vpcA + "  " + subnetA + " 10.1.1.0/24");

    assertThat(json("peering delete --as 100002 " + id).get("state").asText()).isEqualTo("DELETED");
    assertThat(run("peering can-reach --as 100001 --from " + subnetA + " --to 10.2.1.9").out())
        .startsWith("reachable: no");
  }

  @Test
  void refusalsAreOneLineWithTheirCodeAndANonZeroExit() {
    run("region add ap-guangzhou --geo-zone cn-mainland");
    run("account register 100001");
    Result aligned =
        run("vpc create --as 100001 --region ap-guangzhou --name a --cidr 10.0.1.5/24");
    assertThat(aligned.exit()).isEqualTo(1);
    assertThat(aligned.err())
        .isEqualTo(
            "peerbill: CIDR_NOT_ALIGNED (input): 10.0.1.5/24 has host bits set; did you mean"
                + " 10.0.1.0/24?"
                + System.lineSeparator());
    Result nobody = run("vpc list");
    assertThat(nobody.exit()).isEqualTo(1);
    assertThat(nobody.err()).startsWith("peerbill: NO_ACTING_ACCOUNT (D2): ").hasLineCount(1);
    Result badNumber = run("peering set-cap --as 100001 pcx-00000000 lots");
    assertThat(badNumber.exit()).isEqualTo(2);
  }
}
