package io.ctsuite.cli.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.core.FileDigests;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.Verdict;
import io.ctsuite.promotion.gitlab.DryRunGateway;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.gitlab.PlannedRequest;
import io.ctsuite.promotion.promote.Lineage;
import io.ctsuite.promotion.promote.ModelCard;
import io.ctsuite.promotion.promote.Promoter;
import io.ctsuite.promotion.promote.PromotionRequest;
import io.ctsuite.promotion.promote.PromotionResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct promote}: a merge request that deploys a model. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Promote a model through a GitLab merge request: the deployment config is changed at a key"
          + " path (comments and order kept) on a branch of its own, and the merge request carries"
          + " the model card. Re-running the same promotion changes nothing; a new version updates"
          + " the open merge request.",
      "The token is read from $GITLAB_TOKEN.",
      ""
    })
public class PromoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Mixin GitLabOptions gitlab;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "PATH",
      description = "The deployment config in the repository (.yaml, .yml or .json).")
  String file;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY.PATH",
      description = "Where the model is configured, e.g. models.phase-recognition.")
  String key;

  @Option(
      names = "--model-uri",
      required = true,
      paramLabel = "URI",
      description = "The model's URI.")
  String modelUri;

  @Option(
      names = "--model-version",
      paramLabel = "VERSION",
      description = "The model's version (default: from its SHA-256).")
  String version;

  @Option(names = "--sha256", paramLabel = "HEX", description = "The model file's SHA-256.")
  String sha256;

  @Option(
      names = "--model-file",
      paramLabel = "FILE",
      description = "A local copy of the model, hashed for the SHA-256.")
  Path modelFile;

  @Option(
      names = "--target-branch",
      paramLabel = "BRANCH",
      description = "The branch to deploy from (default: the project's default branch).")
  String targetBranch;

  @Option(
      names = "--gate-report",
      paramLabel = "FILE",
      description = "The JSON report of `ct gate`; its verdict must be PASS.")
  Path gateReport;

  @Option(
      names = "--allow-failed-gate",
      description = "Promote even if the gate report's verdict is not PASS.")
  boolean allowFailedGate;

  @Option(
      names = "--build-url",
      paramLabel = "URL",
      defaultValue = "${env:BUILD_URL}",
      description = "The training build (default: $BUILD_URL, as Jenkins sets it).")
  String buildUrl;

  @Option(
      names = "--dataset-version",
      paramLabel = "ID",
      description = "The dataset version the model was trained on (default: the gate report's).")
  String datasetVersion;

  @Option(
      names = "--git-commit",
      paramLabel = "SHA",
      defaultValue = "${env:GIT_COMMIT}",
      description = "The training code's commit (default: $GIT_COMMIT, as Jenkins sets it).")
  String gitCommit;

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description = "A merge request label (repeatable).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--assignee", paramLabel = "USER", description = "Assign to a user (repeatable).")
  List<String> assignees = new ArrayList<>();

  @Option(
      names = "--reviewer",
      paramLabel = "USER",
      description = "Ask a user to review (repeatable).")
  List<String> reviewers = new ArrayList<>();

  @Option(
      names = "--merge-when-pipeline-succeeds",
      description = "Ask GitLab to merge once the merge request's pipeline succeeds.")
  boolean mergeWhenPipelineSucceeds;

  @Option(
      names = "--report-url",
      paramLabel = "URL",
      description = "Where the full gate report can be read; linked from the model card.")
  String reportUrl;

  @Option(
      names = "--dry-run",
      description =
          "Send nothing: print the requests and the model card that would be sent. The config is"
              + " read from --local-file.")
  boolean dryRun;

  @Option(
      names = "--local-file",
      paramLabel = "FILE",
      description = "The local copy of the deployment config for --dry-run (default: --file).")
  Path localFile;

  @Override
  public Integer call() {
    GateResult gate = gateReport == null ? null : readGate(gateReport);
    if (gate != null && gate.verdict() != Verdict.PASS && !allowFailedGate) {
      spec.commandLine()
          .getErr()
          .println(
              "ct promote: the gate report "
                  + gateReport
                  + " says "
                  + gate.verdict()
                  + " ("
                  + gate.summary()
                  + "); only a model that passed is promoted (--allow-failed-gate overrides).");
      return ExitCode.CHECK_FAILED;
    }
    PromotionRequest request =
        PromotionRequest.builder()
            .project(gitlab.project)
            .file(file)
            .key(key)
            .targetBranch(targetBranch)
            .uri(modelUri)
            .version(version)
            .sha256(sha256 != null ? sha256 : modelFile != null ? hash(modelFile) : null)
            .lineage(
                new Lineage(
                    blankToNull(buildUrl),
                    datasetVersion != null
                        ? datasetVersion
                        : gate == null ? null : gate.datasetVersion(),
                    blankToNull(gitCommit)))
            .gate(gate)
            .labels(labels)
            .assignees(assignees)
            .reviewers(reviewers)
            .mergeWhenPipelineSucceeds(mergeWhenPipelineSucceeds)
            .reportUrl(reportUrl)
            .build();
    PrintWriter out = spec.commandLine().getOut();
    if (dryRun) {
      dryRun(out, request);
      return ExitCode.OK;
    }
    try (MergeRequestGateway gateway = gitlab.open()) {
      PromotionResult result = new Promoter(gateway).promote(request);
      if (json.enabled()) {
        out.println(toJson(result.toMap()));
      } else {
        out.println(result.describe());
        for (String warning : result.warnings()) {
          out.println("Warning: " + warning);
        }
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private void dryRun(PrintWriter out, PromotionRequest request) {
    Path local = localFile != null ? localFile : Path.of(file);
    String content;
    try {
      content = Files.readString(local, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException(
          "--dry-run reads the deployment config locally, but "
              + local
              + " does not exist; give --local-file");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + local + ": " + e.getMessage(), e);
    }
    String branch = targetBranch != null ? targetBranch : "main";
    DryRunGateway gateway = new DryRunGateway(gitlab.url(false), branch, Map.of(file, content));
    PromotionResult result = new Promoter(gateway).promote(request);
    if (json.enabled()) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("dryRun", true);
      map.put("status", result.status().name());
      List<Map<String, Object>> requests = new ArrayList<>();
      for (PlannedRequest planned : gateway.requests()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", planned.method());
        r.put("path", "/api/v4" + planned.path());
        r.put("parameters", planned.parameters());
        r.put("answeredLocally", planned.answeredLocally());
        requests.add(r);
      }
      map.put("requests", requests);
      map.put("modelCard", ModelCard.render(request));
      out.println(toJson(map));
      return;
    }
    out.println(
        "Dry run: nothing is sent to GitLab. Reads are answered from "
            + local
            + " as the "
            + branch
            + " branch; the promotion branch and merge request are taken not to exist yet.");
    out.println();
    for (PlannedRequest planned : gateway.requests()) {
      out.println(
          planned.method()
              + " /api/v4"
              + planned.path()
              + (planned.answeredLocally() ? "   (answered locally)" : ""));
      if (!planned.parameters().isEmpty()) {
        Map<String, Object> shown = new LinkedHashMap<>(planned.parameters());
        shown.computeIfPresent("description", (k, v) -> "(the model card below)");
        out.println(render(shown).indent(2).stripTrailing());
      }
    }
    out.println();
    out.println("Model card (the merge request's description):");
    out.println();
    out.print(ModelCard.render(request));
    out.flush();
  }

  private static String render(Map<String, Object> parameters) {
    try {
      return Json.yaml().writeValueAsString(parameters);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GateResult readGate(Path report) {
    try {
      return GateResult.fromJson(
          Files.readString(report, StandardCharsets.UTF_8), report.toString());
    } catch (NoSuchFileException e) {
      throw new InputException("gate report not found: " + report);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + report + ": " + e.getMessage(), e);
    }
  }

  static String hash(Path file) {
    try {
      return FileDigests.sha256Hex(file);
    } catch (NoSuchFileException e) {
      throw new InputException("model file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  static String toJson(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
