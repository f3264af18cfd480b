package io.peerbill.schema.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ classes from the Flyway migrations by applying them to a throwaway embedded
 * PostgreSQL: the real database product, so PostgreSQL-only DDL (cidr, partitions, plpgsql) is
 * understood exactly as in production, and a fresh machine needs no server.
 *
 * <p>Arguments: migrations folder, output folder, target package. Generation is skipped when the
 * migrations are unchanged since the last run (their digest is kept in the output folder), so the
 * launcher's incremental builds stay quick.
 */
public final class JooqCodegen {

  private static final String DIGEST_FILE = ".migrations.sha256";

  private JooqCodegen() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: JooqCodegen MIGRATIONS_DIR OUTPUT_DIR PACKAGE");
    }
    Path migrations = Path.of(args[0]);
    Path output = Path.of(args[1]);
    String packageName = args[2];

    String digest = digestOf(migrations);
    Path digestFile = output.resolve(DIGEST_FILE);
    if (Files.exists(digestFile) && Files.readString(digestFile).equals(digest)) {
      System.out.println("[jooq-codegen] migrations unchanged, generated classes are up to date");
      return;
    }
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      Flyway.configure()
          .dataSource(pg.getPostgresDatabase())
          .locations("filesystem:" + migrations.toAbsolutePath())
          .load()
          .migrate();
      try (Connection connection = pg.getPostgresDatabase().getConnection()) {
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.run(configuration(output, packageName));
      }
    }
    Files.writeString(digestFile, digest);
  }

  private static Configuration configuration(Path output, String packageName) {
    Database database =
        new Database()
            .withName("org.jooq.meta.postgres.PostgresDatabase")
            .withInputSchema("public")
            .withOutputSchemaToDefault(true)
            .withExcludes("flyway_schema_history|.*_p[0-9]{8}")
            .withForcedTypes(
                new ForcedType()
                    .withUserType("org.jooq.postgres.extensions.types.Cidr")
                    .withBinding("org.jooq.postgres.extensions.bindings.CidrBinding")
                    .withIncludeTypes("cidr"));
    return new Configuration()
        .withGenerator(
            new Generator()
                .withDatabase(database)
                .withGenerate(
                    new Generate()
                        .withJavaTimeTypes(true)
                        .withPojos(false)
                        .withDaos(false)
                        .withRoutines(true)
                        .withGeneratedAnnotation(false))
                .withTarget(
                    new Target()
                        .withPackageName(packageName)
                        .withDirectory(output.toAbsolutePath().toString())
                        .withClean(true)));
  }

  private static String digestOf(Path migrations) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(migrations)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      sha.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(file));
    }
    // The generator's own version is part of what the classes depend on.
    sha.update(JooqCodegen.class.getPackage().toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest());
  }
}
