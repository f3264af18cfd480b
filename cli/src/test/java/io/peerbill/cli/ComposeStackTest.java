package io.peerbill.cli;

import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerbill.metering.sink.InfluxPoints;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose stack cannot run here (no container engine), so this checks what would break it:
 * every name that two services must agree on (topic, InfluxDB org/bucket/token, database
 * credentials, ports), the application's own defaults, the commands each container runs (parsed by
 * the real command tree), and the dashboard's queries against the series and tables we write.
 */
class ComposeStackTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Set<String> D10_FIELDS =
      Set.of(
          "InBandwidth", "OutBandwidth", "InPkg", "OutPkg", "PkgDrop", "InbandRate", "OutbandRate");

  private static Map<String, Object> services;
  private static Map<String, Object> grafanaDatasources;
  private static JsonNode dashboard;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
    services = (Map<String, Object>) compose.get("services");
    grafanaDatasources = yaml(ROOT.resolve("deploy/grafana/provisioning/datasources/peerbill.yml"));
    dashboard =
        new ObjectMapper()
            .readTree(ROOT.resolve("deploy/grafana/dashboards/peerbill-traffic.json").toFile());
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    assertThat(services).containsKey(name);
    return (Map<String, Object>) services.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(String serviceName) {
    return (Map<String, Object>) service(serviceName).get("environment");
  }

  private static String env(String serviceName, String key) {
    Object value = env(serviceName).get(key);
    assertThat(value).as(serviceName + " " + key).isNotNull();
    return value.toString();
  }

  /** A service's command as arguments (compose's folded string form or list form). */
  @SuppressWarnings("unchecked")
  private static List<String> command(String serviceName) {
    Object command = service(serviceName).get("command");
    if (command instanceof List<?> list) {
      return (List<String>) list;
    }
    return Arrays.asList(command.toString().trim().split("\\s+"));
  }

  private static String argAfter(List<String> args, String option) {
    int i = args.indexOf(option);
    assertThat(i).as(option + " in " + args).isNotNegative();
    return args.get(i + 1);
  }

  /** The peerbill invocations in a shell command line: what follows each `...cli.Main`. */
  private static List<List<String>> peerbillInvocations(String shell) {
    List<List<String>> invocations = new ArrayList<>();
    for (String part : shell.split("&&")) {
      List<String> words = Arrays.asList(part.trim().split("\\s+"));
      int main = words.indexOf("io.peerbill.cli.Main");
      if (main >= 0) {
        invocations.add(words.subList(main + 1, words.size()));
      }
    }
    return invocations;
  }

  private static String streamDefault(String option) {
    return Main.commandLine()
        .getSubcommands()
        .get("stream")
        .getCommandSpec()
        .findOption(option)
        .defaultValue();
  }

  @Test
  void everyImageIsPinned() {
    for (String name : services.keySet()) {
      Object image = service(name).get("image");
      assertThat(image).as(name + " image").isNotNull();
      assertThat(image.toString()).as(name).matches("[a-z0-9./_-]+:[0-9][A-Za-z0-9._-]*");
    }
  }

  @Test
  void producerJobAndTopicInitAgreeOnTheSampleTopic() {
    String topic = argAfter(command("kafka-init"), "--topic");
    assertThat(argAfter(command("jobmanager"), "--source")).isEqualTo("kafka:" + topic);
    List<List<String>> producer = peerbillInvocations(command("producer").get(0));
    List<String> gen = producer.get(producer.size() - 1);
    assertThat(gen.get(0)).isEqualTo("gen-samples");
    assertThat(argAfter(gen, "--kafka")).isEqualTo(topic);
    assertThat(argAfter(gen, "--bootstrap-servers"))
        .isEqualTo(argAfter(command("jobmanager"), "--bootstrap-servers"))
        .isEqualTo("kafka:9092");
  }

  @Test
  void kafkaAdvertisesTheListenersItPublishes() {
    String advertised = env("kafka", "KAFKA_ADVERTISED_LISTENERS");
    assertThat(advertised).contains("PLAINTEXT://kafka:9092");
    Matcher host = Pattern.compile("HOST://localhost:(\\d+)").matcher(advertised);
    assertThat(host.find()).isTrue();
    assertThat(service("kafka").get("ports").toString())
        .contains(host.group(1) + ":" + host.group(1));
  }

  @Test
  void influxOrgBucketAndTokenAgreeEverywhere() throws Exception {
    String org = env("influxdb", "DOCKER_INFLUXDB_INIT_ORG");
    String bucket = env("influxdb", "DOCKER_INFLUXDB_INIT_BUCKET");
    String token = env("influxdb", "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN");

    // The metering job: its arguments, its environment (the token), and the CLI's defaults.
    List<String> job = command("jobmanager");
    assertThat(argAfter(job, "--influx-org"))
        .isEqualTo(org)
        .isEqualTo(streamDefault("--influx-org"));
    assertThat(argAfter(job, "--influx-bucket"))
        .isEqualTo(bucket)
        .isEqualTo(streamDefault("--influx-bucket"));
    assertThat(argAfter(job, "--influx-url")).isEqualTo("http://influxdb:8086");
    assertThat(env("jobmanager", "PEERBILL_INFLUX_TOKEN")).isEqualTo(token);
    // The job reads the token from the environment compose sets (the default, unresolved).
    assertThat(
            io.peerbill.metering.cli.StreamCommand.class
                .getDeclaredField("influxToken")
                .getAnnotation(picocli.CommandLine.Option.class)
                .defaultValue())
        .isEqualTo("${env:PEERBILL_INFLUX_TOKEN}");

    // Grafana's datasource reads the same values from its environment.
    Map<String, Object> influx = datasource("influxdb");
    assertThat(influx.get("url")).isEqualTo("http://influxdb:8086");
    assertThat(resolve("grafana", nested(influx, "jsonData", "organization"))).isEqualTo(org);
    assertThat(resolve("grafana", nested(influx, "jsonData", "defaultBucket"))).isEqualTo(bucket);
    assertThat(resolve("grafana", nested(influx, "secureJsonData", "token"))).isEqualTo(token);
    assertThat(service("influxdb").get("ports").toString()).contains("8086:8086");
  }

  @Test
  void databaseCredentialsAgreeEverywhere() {
    String db = env("postgres", "POSTGRES_DB");
    String user = env("postgres", "POSTGRES_USER");
    String password = env("postgres", "POSTGRES_PASSWORD");
    for (String app : List.of("jobmanager", "taskmanager", "billing", "producer", "grafana")) {
      assertThat(env(app, "PEERBILL_DB_URL"))
          .as(app)
          .isEqualTo("jdbc:postgresql://postgres:5432/" + db);
      assertThat(env(app, "PEERBILL_DB_USER")).as(app).isEqualTo(user);
      assertThat(env(app, "PEERBILL_DB_PASSWORD")).as(app).isEqualTo(password);
    }
    Map<String, Object> pg = datasource("postgres");
    assertThat(pg.get("url")).isEqualTo("postgres:5432");
    assertThat(nested(pg, "jsonData", "database")).isEqualTo(db);
    assertThat(resolve("grafana", pg.get("user").toString())).isEqualTo(user);
    assertThat(resolve("grafana", nested(pg, "secureJsonData", "password"))).isEqualTo(password);
  }

  @Test
  void publishedHostPortsAreDistinct() {
    Set<String> hostPorts = new HashSet<>();
    for (String name : services.keySet()) {
      Object ports = service(name).get("ports");
      if (ports instanceof List<?> list) {
        for (Object port : list) {
          String host = port.toString().split(":")[0];
          assertThat(hostPorts.add(host)).as("host port " + host + " of " + name).isTrue();
        }
      }
    }
    assertThat(hostPorts).contains("5432", "8086", "8081", "3000", "29092");
  }

  @Test
  void containersRunCommandsTheApplicationAccepts() throws Exception {
    // The Flink job's main class exists and accepts the job's arguments.
    List<String> job = command("jobmanager");
    assertThat(job.get(0)).isEqualTo("standalone-job");
    Class.forName(argAfter(job, "--job-classname"));
    List<String> jobArgs = job.subList(3, job.size());
    Main.commandLine().parseArgs(concat("stream", jobArgs));

    // The job jar mounted into Flink is the one metering-stream's build produces.
    String jar = ((List<?>) service("jobmanager").get("volumes")).get(0).toString().split(":")[0];
    assertThat(jar)
        .isEqualTo("./metering-stream/target/metering-stream-" + projectVersion() + "-flink.jar");

    for (List<String> invocation : peerbillInvocations(command("producer").get(0))) {
      Main.commandLine().parseArgs(invocation.toArray(String[]::new));
    }
    Main.commandLine().parseArgs(command("billing").toArray(String[]::new));
    Main.commandLine().parseArgs(command("api").toArray(String[]::new));
    assertThat(env("billing", "PEERBILL_BILLING_ZONE")).isEqualTo("Asia/Shanghai");
    org.springframework.scheduling.support.CronExpression.parse(
        env("billing", "PEERBILL_BILLING_SCHEDULE"));
    assertThat(ROOT.resolve("deploy/seed/tariffs.csv")).exists();
  }

  @Test
  void dashboardQueriesTheSeriesTheStreamWrites() {
    List<String> flux = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        if (target.has("query")) {
          flux.add(target.get("query").asText());
        }
      }
    }
    assertThat(flux).hasSizeGreaterThanOrEqualTo(4);
    String bucket = env("influxdb", "DOCKER_INFLUXDB_INIT_BUCKET");
    Set<String> fields = new HashSet<>();
    for (String query : flux) {
      assertThat(query)
          .contains("from(bucket: \"" + bucket + "\")")
          .contains("r._measurement == \"" + InfluxPoints.MEASUREMENT + "\"");
      Matcher field = Pattern.compile("r\\._field == \"(\\w+)\"").matcher(query);
      while (field.find()) {
        fields.add(field.group(1));
      }
    }
    assertThat(fields).isEqualTo(D10_FIELDS);
  }

  @Test
  void dashboardAlertPanelReadsColumnsThatExist() {
    String sql = null;
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        if (target.has("rawSql")) {
          sql = target.get("rawSql").asText();
        }
      }
    }
    assertThat(sql).isNotNull().contains("FROM alert_event e JOIN alert_policy p");
    Matcher column = Pattern.compile("\\b([ep])\\.(\\w+)").matcher(sql);
    int checked = 0;
    while (column.find()) {
      var table = column.group(1).equals("e") ? ALERT_EVENT : ALERT_POLICY;
      assertThat(table.field(column.group(2))).as(column.group()).isNotNull();
      checked++;
    }
    assertThat(checked).isGreaterThan(5);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> datasource(String type) {
    for (Object ds : (List<Object>) grafanaDatasources.get("datasources")) {
      Map<String, Object> map = (Map<String, Object>) ds;
      if (map.get("type").toString().contains(type)) {
        return map;
      }
    }
    throw new AssertionError("no " + type + " datasource");
  }

  @SuppressWarnings("unchecked")
  private static String nested(Map<String, Object> map, String outer, String key) {
    return ((Map<String, Object>) map.get(outer)).get(key).toString();
  }

  /** Grafana expands ${VAR} in provisioning files from its own environment. */
  private static String resolve(String serviceName, String value) {
    Matcher var = Pattern.compile("^\\$\\{(\\w+)}$").matcher(value);
    return var.matches() ? env(serviceName, var.group(1)) : value;
  }

  private static String projectVersion() throws IOException {
    Matcher version =
        Pattern.compile("<artifactId>peerbill-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(version.find()).isTrue();
    return version.group(1);
  }

  private static String[] concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all.toArray(String[]::new);
  }
}
