package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingDay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes each account's HTML statement of the day next to the statement CSV (the chunk's pages
 * loaded together). A file is written to a temporary name and moved into place, so a reader never
 * sees half a statement and a re-run replaces it.
 */
public class StatementHtmlWriter implements ItemWriter<String> {

  private final StatementPageLoader loader;
  private final StatementPageWriter pages = new StatementPageWriter();
  private final Path directory;
  private final BillingDay day;

  public StatementHtmlWriter(StatementPageLoader loader, Path directory, BillingDay day) {
    this.loader = loader;
    this.directory = directory;
    this.day = day;
  }

  @Override
  public void write(Chunk<? extends String> accountIds) throws IOException {
    Files.createDirectories(directory);
    for (StatementPage page : loader.load(List.copyOf(accountIds.getItems()), day)) {
      Path target = directory.resolve(fileName(page.accountId(), day));
      Path partial = directory.resolve(target.getFileName() + ".part");
      Files.writeString(partial, pages.write(page), StandardCharsets.UTF_8);
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** e.g. statement-100001-2026-11-25.html; characters unsafe in a file name become '_'. */
  public static String fileName(String accountId, BillingDay day) {
    return "statement-" + accountId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + day.date() + ".html";
  }
}
