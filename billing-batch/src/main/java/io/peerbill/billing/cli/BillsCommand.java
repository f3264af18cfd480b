package io.peerbill.billing.cli;

import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.run.DayExecutions;
import io.peerbill.billing.statement.Statement;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.billing.statement.html.MonthStatementPages;
import io.peerbill.billing.statement.html.StatementPageFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bills",
    mixinStandardHelpOptions = true,
    description = "Stored bills.",
    subcommands = {BillsCommand.Show.class, BillsCommand.Pages.class})
public final class BillsCommand {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "A day's statements and bill lines, optionally of one payer account, and the runs of"
              + " the day that were recovered (left unfinished: their process was killed or lost"
              + " its database).")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--date", required = true, description = "The billing day.")
    LocalDate date;

    @Option(names = "--account", description = "Only this payer account.")
    String account;

    @Option(names = "--all-accounts", description = "Every payer account (an operator's view).")
    boolean allAccounts;

    @Override
    public Integer call() {
      AccountScope.require(spec, account, allAccounts);
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = BillingContext.start()) {
        List<Statement> statements =
            context.getBean(StatementRepository.class).statementsOf(date, account);
        List<BillLine> lines = context.getBean(BillLineRepository.class).linesOf(date, account);
        context
            .getBean(DayExecutions.class)
            .recovered(date)
            .forEach(r -> out.println(r.describe()));
        if (statements.isEmpty() && lines.isEmpty()) {
          out.println("no bills for " + date + (account == null ? "" : " and account " + account));
          return 0;
        }
        for (Statement s : statements) {
          out.printf(
              "statement %s %s: %d line(s), %d failed, total %s %s%s%n",
              s.accountId(),
              s.billDay(),
              s.lineCount(),
              s.failedCount(),
              s.total().toPlainString(),
              s.currency(),
              s.revision() == 1
                  ? ""
                  : ", adjustment "
                      + s.adjustment().toPlainString()
                      + " (was "
                      + s.previousTotal().toPlainString()
                      + ", revision "
                      + s.revision()
                      + ")");
        }
        lines.forEach(line -> out.println("  " + BillCommand.format(line)));
      }
      return 0;
    }
  }

  @Command(
      name = "pages",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the HTML statement pages of a billed day or month (bill renders none: pages are"
            + " made on request), one per payer account, named statement-ACCOUNT-DAY.html or"
            + " statement-ACCOUNT-MONTH.html (the month's sorted points with the 95th-percentile"
            + " cut); writing them again replaces them.",
        "Exit status: 0 written, 1 nothing billed to render."
      })
  static final class Pages implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Period period;

    /** What the pages are of (one of). */
    static final class Period {
      @Option(names = "--date", required = true, description = "A billed day, e.g. 2026-11-25.")
      LocalDate date;

      @Option(
          names = "--month",
          required = true,
          converter = BillCommand.MonthConverter.class,
          description = "A month billed by bill --month (MONTHLY_95TH lines, D13), e.g. 2026-11.")
      YearMonth month;
    }

    @Option(names = "--account", description = "Only this payer account's page.")
    String account;

    @Option(names = "--all-accounts", description = "Every payer account's page.")
    boolean allAccounts;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "Folder to write the pages to (default: peerbill.billing.statement-dir, beside the"
                + " CSV statements).")
    Path out;

    @Override
    public Integer call() throws Exception {
      AccountScope.require(spec, account, allAccounts);
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = BillingContext.start()) {
        Path dir =
            this.out != null ? this.out : context.getBean(BillingProperties.class).statementDir();
        List<Path> files =
            period.month != null
                ? context.getBean(MonthStatementPages.class).write(period.month, account, dir)
                : context.getBean(StatementPageFiles.class).write(period.date, account, dir);
        if (account != null) {
          files.forEach(out::println);
        } else {
          Object of = period.month != null ? period.month : period.date;
          out.println(files.size() + " statement page(s) of " + of + " in " + dir);
        }
      }
      return 0;
    }
  }
}
