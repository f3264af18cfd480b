package io.peerbill.metering.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A standalone Flink session cluster on loopback: a JobManager and a TaskManager in JVMs of their
 * own whose classpath is only what a Flink distribution provides (the module's provided-scope
 * dependencies, written to {@code target/flink-cluster.classpath} by the build, plus logging). Jobs
 * reach it the way production's do: {@code flink run} (the CLI front end) with a jar.
 */
public final class StandaloneFlink implements AutoCloseable {

  /** Libraries a Flink distribution's lib/ has that our own compile scope also claims. */
  private static final Pattern ALSO_IN_FLINK_LIB =
      Pattern.compile(
          "(slf4j-api|slf4j-simple|commons-lang3|commons-io|commons-compress|snappy-java|jsr305)-[^/]*\\.jar");

  private final Path home;
  private final String classpath;
  private final int restPort;
  private final List<Process> processes = new ArrayList<>();

  private StandaloneFlink(Path home, String classpath, int restPort) {
    this.home = home;
    this.classpath = classpath;
    this.restPort = restPort;
  }

  /** Whether the build wrote the cluster classpath (it does in {@code package}). */
  public static boolean available() {
    return Files.exists(classpathFile());
  }

  /** Starts the cluster and returns once its TaskManager has registered its slots. */
  public static StandaloneFlink start(Path home, int slots) throws Exception {
    Files.createDirectories(home.resolve("conf"));
    int restPort = freePort();
    Files.writeString(
        home.resolve("conf/config.yaml"),
        String.join(
            "\n",
            "jobmanager.rpc.address: localhost",
            "jobmanager.rpc.port: " + freePort(),
            "jobmanager.bind-host: localhost",
            "jobmanager.memory.process.size: 800m",
            "rest.address: localhost",
            "rest.bind-address: localhost",
            "rest.port: " + restPort,
            "taskmanager.host: localhost",
            "taskmanager.bind-host: localhost",
            "taskmanager.numberOfTaskSlots: " + slots,
            // What flink's start scripts would compute and pass to a TaskManager JVM.
            "taskmanager.cpu.cores: 2.0",
            "taskmanager.memory.framework.heap.size: 128m",
            "taskmanager.memory.task.heap.size: 512m",
            "taskmanager.memory.managed.size: 64m",
            "taskmanager.memory.framework.off-heap.size: 128m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.network.min: 64m",
            "taskmanager.memory.network.max: 64m",
            "taskmanager.memory.jvm-metaspace.size: 256m",
            "taskmanager.memory.jvm-overhead.min: 192m",
            "taskmanager.memory.jvm-overhead.max: 192m",
            "parallelism.default: " + slots,
            ""));
    StandaloneFlink flink = new StandaloneFlink(home, clusterClasspath(), restPort);
    try {
      flink.launch(
          "jobmanager",
          "-Xmx400m",
          "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
      // The JobManager's ports were only free when chosen: until it has bound them, a TaskManager
      // starting beside it could take one of them for its own ephemeral ports.
      flink.awaitSlots(0);
      flink.launch(
          "taskmanager", "-Xmx640m", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
      flink.awaitSlots(slots);
      return flink;
    } catch (Exception e) {
      flink.close();
      throw e;
    }
  }

  /**
   * {@code flink run JAR ARGS} against this cluster, attached (returns when the job ends); the
   * environment is the client's (where the job's main reads its settings).
   */
  public Run run(Path jar, Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(java(classpath, "org.apache.flink.client.cli.CliFrontend"));
    command.add("run");
    command.add(jar.toString());
    command.addAll(Arrays.asList(args));
    Path log = home.resolve("client.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("FLINK_CONF_DIR", home.resolve("conf").toString());
    Process client = builder.start();
    processes.add(client);
    int exit = client.waitFor();
    return new Run(exit, Files.readString(log));
  }

  /** What {@code flink run} returned and printed. */
  public record Run(int exitCode, String output) {}

  /** The cluster's logs, for a failure message. */
  public String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String name : List.of("jobmanager", "taskmanager")) {
      Path log = home.resolve(name + ".log");
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        all.append("== ").append(name).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> all.append(l).append('\n'));
      }
    }
    return all.toString();
  }

  private void launch(String name, String heap, String mainClass) throws IOException {
    List<String> command = new ArrayList<>(java(classpath, mainClass));
    command.add(1, heap);
    command.add("--configDir");
    command.add(home.resolve("conf").toString());
    processes.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve(name + ".log").toFile())
            .start());
  }

  /**
   * Polls the REST API until the slots are there (with 0: until it answers); fails if a cluster
   * process died first.
   */
  private void awaitSlots(int slots) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest overview =
        HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/overview"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Pattern total = Pattern.compile("\"slots-total\":(\\d+)");
    while (true) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a Flink process exited early:\n" + logs());
        }
      }
      try {
        Matcher m = total.matcher(http.send(overview, HttpResponse.BodyHandlers.ofString()).body());
        if (m.find() && Integer.parseInt(m.group(1)) >= slots) {
          return;
        }
      } catch (IOException notYet) {
        // The REST endpoint is not up yet.
      }
      Thread.sleep(200);
    }
  }

  private static List<String> java(String classpath, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // What a Flink distribution's env.java.default-opts.all opens on Java 17.
    for (String pkg :
        List.of(
            "java.lang",
            "java.net",
            "java.io",
            "java.nio",
            "sun.nio.ch",
            "java.lang.reflect",
            "java.text",
            "java.time",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "java.util.concurrent.locks")) {
      command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    command.addAll(List.of("-cp", classpath, mainClass));
    return command;
  }

  private static Path classpathFile() {
    return Path.of("target", "flink-cluster.classpath");
  }

  private static String clusterClasspath() throws IOException {
    String provided = Files.readString(classpathFile()).trim();
    String logging =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> ALSO_IN_FLINK_LIB.matcher(entry).find())
            .collect(Collectors.joining(File.pathSeparator));
    return provided + File.pathSeparator + logging;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
