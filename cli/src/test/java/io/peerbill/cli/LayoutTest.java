package io.peerbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The picture tells the truth: every module of the build, and the folder the compose stack mounts,
 * has a README saying what lives there and is named in the README's picture and layout table, so a
 * module added or renamed without its map fails here.
 */
class LayoutTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static List<String> folders() throws Exception {
    List<String> folders = new ArrayList<>();
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    while (module.find()) {
      folders.add(module.group(1));
    }
    folders.add("deploy");
    return folders;
  }

  @Test
  void everyModuleHasAReadmeAndIsInTheReadmesPictureAndLayoutTable() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int open = readme.indexOf("```");
    String picture = readme.substring(open, readme.indexOf("```", open + 3));
    List<String> folders = folders();
    assertThat(folders).contains("schema", "metering-stream", "billing-batch", "cli");
    for (String folder : folders) {
      assertThat(ROOT.resolve(folder).resolve("README.md")).as(folder).isNotEmptyFile();
      assertThat(picture).as("the picture names " + folder).contains(folder + "/");
      assertThat(readme).as("the layout table has " + folder).contains("| `" + folder + "/` |");
    }
  }
}
