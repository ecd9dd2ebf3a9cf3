package io.ctsuite.cli.gate;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.promote.StickyComment;
import io.ctsuite.promotion.report.MarkdownReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct comment}: the sticky gate report on a merge request. */
@Command(
    name = "comment",
    mixinStandardHelpOptions = true,
    description = {
      "Post or update the sticky gate report on a GitLab merge request: one comment, found again"
          + " by a hidden marker and edited on re-runs.",
      "The token is read from $GITLAB_TOKEN.",
      ""
    })
public class CommentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Mixin GitLabOptions gitlab;

  @Option(
      names = "--mr",
      required = true,
      paramLabel = "IID",
      description = "The merge request's number in the project (5 or !5).")
  String mr;

  @Option(
      names = "--report",
      required = true,
      paramLabel = "FILE",
      description =
          "The report: a JSON report of `ct gate` (rendered as Markdown) or Markdown text.")
  Path report;

  @Option(
      names = "--key",
      defaultValue = "gate",
      paramLabel = "NAME",
      description = "Tells reports on one merge request apart (default: ${DEFAULT-VALUE}).")
  String key;

  @Option(
      names = "--report-url",
      paramLabel = "URL",
      description = "The full report, linked if the comment must be cut to GitLab's size limit.")
  String reportUrl;

  @Override
  public Integer call() {
    long iid = iid(mr);
    String body = body(report);
    StickyComment.Result result;
    try (MergeRequestGateway gateway = gitlab.open()) {
      result = new StickyComment(gateway).post(gitlab.project, iid, key, body, reportUrl);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(PromoteCommand.toJson(result.toMap()));
    } else {
      out.println(
          switch (result.status()) {
                case CREATED ->
                    "Posted the report on !" + iid + " (comment " + result.noteId() + ").";
                case UPDATED ->
                    "Updated the report on !" + iid + " (comment " + result.noteId() + ").";
                case UNCHANGED -> "The report on !" + iid + " is already up to date.";
              }
              + (result.truncated() ? " It was cut to fit GitLab's size limit." : ""));
    }
    out.flush();
    return ExitCode.OK;
  }

  static long iid(String text) {
    String digits = text.strip().startsWith("!") ? text.strip().substring(1) : text.strip();
    if (!digits.matches("\\d{1,18}")) {
      throw new InputException(
          "--mr: expected a merge request number such as 5 or !5, not '" + text + "'");
    }
    return Long.parseLong(digits);
  }

  private static String body(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException("report not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return MarkdownReport.render(GateResult.fromJson(text, file.toString()));
    }
    return text;
  }
}
