package io.peerbill.billing.statement.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** How a statement page reaches its folder, day and month alike. */
final class PageFile {

  private PageFile() {}

  /** e.g. statement-100001-2026-11-25.html; characters unsafe in a file name become '_'. */
  static String name(String accountId, Object period) {
    return "statement-" + accountId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + period + ".html";
  }

  /**
   * Written under a temporary name and moved into place, so a reader never sees half a statement
   * and writing again replaces it.
   */
  static Path write(Path target, String html) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path partial = target.resolveSibling(target.getFileName() + ".part");
      Files.writeString(partial, html, StandardCharsets.UTF_8);
      return Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
