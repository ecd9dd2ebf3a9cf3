package io.ctsuite.cli.demo;

import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.gate.Verdict;
import io.ctsuite.promotion.gitlab.DryRunGateway;
import io.ctsuite.promotion.gitlab.GitLab4jGatewayFactory;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.gitlab.PlannedRequest;
import io.ctsuite.promotion.promote.Lineage;
import io.ctsuite.promotion.promote.ModelCard;
import io.ctsuite.promotion.promote.Promoter;
import io.ctsuite.promotion.promote.PromotionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 5: promotion through a GitLab merge request that changes the deployment config. With
 * GITLAB_URL and GITLAB_TOKEN it is opened (or the open one updated); without them, a dry run shows
 * the exact requests and the model card it would send.
 */
final class PromoteStep {
  static final String DRY_RUN_URL = "https://gitlab.example.com";
  static final String DRY_RUN_PROJECT = "ml/deploy";

  void run(DemoRun run) {
    DemoConsole console = run.console;
    console.step(5, "Promotion through a GitLab merge request");
    if (run.gate.verdict() != Verdict.PASS) {
      run.promotionSkipped =
          "the gate said "
              + run.gate.verdict()
              + ": the candidate is not promoted, production stays";
      console.say("Nothing to promote: " + run.promotionSkipped + ".");
      return;
    }
    DemoSettings settings = run.settings;
    boolean real = settings.realGitLab();
    String project =
        settings.gitlabProject() != null ? settings.gitlabProject() : real ? null : DRY_RUN_PROJECT;
    if (real && project == null) {
      throw new DemoException(
          "GITLAB_URL and GITLAB_TOKEN are set, so the demo would open a real merge request: name"
              + " the deployment project with --gitlab-project GROUP/NAME (or unset them for a dry"
              + " run)");
    }
    PromotionRequest request =
        PromotionRequest.builder()
            .project(project)
            .file(settings.gitlabFile())
            .key(DemoSettings.MODEL_KEY)
            .uri(run.candidate.uri())
            .version(run.candidate.runId())
            .sha256(run.candidate.sha256())
            .lineage(
                new Lineage(
                    null,
                    DemoSettings.DATASET + "@" + run.candidate.datasetId(),
                    GitCommit.of(run.example.dir())))
            .gate(run.gate)
            .labels(List.of("model-promotion"))
            .build();
    run.modelCard = ModelCard.render(request);
    console.command(
        "ct promote --project "
            + project
            + " --file "
            + settings.gitlabFile()
            + " --key "
            + DemoSettings.MODEL_KEY
            + " --model-uri "
            + run.candidate.uri()
            + (real ? "" : " --dry-run"));

    if (real) {
      MergeRequestGateway gitlab =
          new GitLab4jGatewayFactory().open(settings.gitlabUrl(), settings.gitlabToken());
      run.promotion = new Promoter(gitlab).promote(request);
      console.say(run.promotion.describe());
      return;
    }
    String deployed = read(run.paths.deployConfig());
    DryRunGateway dryRun =
        new DryRunGateway(DRY_RUN_URL, "main", Map.of(settings.gitlabFile(), deployed));
    run.promotion = new Promoter(dryRun).promote(request);
    run.plannedRequests = dryRun.requests();
    console.say(
        "Dry run: GITLAB_URL and GITLAB_TOKEN are not set, so nothing is sent. With them, ct would"
            + " open a merge request from "
            + run.promotion.branch()
            + " into "
            + run.promotion.targetBranch()
            + " (or update the one already open for this model).");
    console.say("The requests it would send to " + DRY_RUN_URL + "/api/v4, in order:");
    String newConfig = null;
    for (PlannedRequest planned : run.plannedRequests) {
      console.detail(
          planned.method()
              + " "
              + planned.path()
              + (planned.answeredLocally() ? "   (a read; answered from the local copy)" : ""));
      if (!planned.parameters().isEmpty() && !planned.answeredLocally()) {
        console.detail("    " + json(shortened(planned.parameters())));
      }
      newConfig = newConfig != null ? newConfig : committedContent(planned);
    }
    if (newConfig != null) {
      console.say("The change to " + settings.gitlabFile() + " (only the promoted entry changes):");
      for (String line : LineDiff.changes(deployed, newConfig)) {
        console.detail(line);
      }
    }
    console.say("The merge request's description, the model card:");
    for (String line : run.modelCard.split("\n")) {
      console.detail(line);
    }
    Path requests = run.paths.report().resolve("promotion-requests.json");
    try {
      AtomicFiles.writeString(
          requests,
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(run.plannedRequests));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + requests + ": " + e.getMessage(), e);
    }
    AtomicFiles.writeString(run.paths.report().resolve("model-card.md"), run.modelCard);
    console.say("The exact requests, bodies included: " + run.paths.show(requests));
  }

  private static String json(Object value) {
    try {
      return Json.compact().writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }

  /** The parameters with long texts (file content, description) cut, for the console. */
  private static Map<String, Object> shortened(Map<String, Object> parameters) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : parameters.entrySet()) {
      copy.put(entry.getKey(), shorten(entry.getValue()));
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object shorten(Object value) {
    if (value instanceof String text && (text.length() > 80 || text.contains("\n"))) {
      long lines = text.lines().count();
      return "<" + lines + " lines, " + text.length() + " characters, shown below>";
    }
    if (value instanceof Map<?, ?> map) {
      return shortened((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object item : list) {
        copy.add(shorten(item));
      }
      return copy;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static String committedContent(PlannedRequest planned) {
    Object actions = planned.parameters().get("actions");
    if (actions instanceof List<?> list
        && !list.isEmpty()
        && list.get(0) instanceof Map<?, ?> first) {
      Object content = ((Map<String, Object>) first).get("content");
      return content instanceof String text ? text : null;
    }
    return null;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
