package io.ctsuite.cli.gpu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.Json;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.cluster.KubernetesGpuCluster;
import io.ctsuite.gpu.reaper.JenkinsAgents;
import io.ctsuite.gpu.reaper.ReapDecision;
import io.ctsuite.gpu.reaper.ReaperRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct gpu reap}: delete Jenkins agent pods that hold GPUs for nothing. */
@Command(
    name = "reap",
    mixinStandardHelpOptions = true,
    description = {
      "Delete Jenkins agent pods that hold GPUs for nothing (see --dry-run).",
      "",
      "Deletes pods whose build ended or was aborted, pods Pending past the timeout",
      "(a GPU node scale-up that failed), idle agents, agents Jenkins lost, and",
      "stopped pods. A pod running a build is never deleted. Every decision comes",
      "with its reason. Without --agents, running pods count as possibly busy and",
      "are kept."
    })
public class ReapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GpuConfigOption config;

  @Mixin KubeAccess kube;

  @Mixin JsonOption json;

  @Option(names = "--dry-run", description = "Decide and show, delete nothing.")
  boolean dryRun;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Only agent pods in NS.")
  String namespace;

  @Option(
      names = "--agents",
      paramLabel = "FILE",
      description =
          "Jenkins' agents as JSON or YAML: {complete: true, agents: {POD: {state:"
              + " BUSY|IDLE|BUILD_ENDED, since: TIME, build: NAME, result: RESULT}}}.")
  Path agents;

  @Option(
      names = "--busy",
      paramLabel = "POD",
      split = ",",
      description = "Pods that run a build now; they are kept whatever else holds.")
  List<String> busy = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    GpuSettings settings = config.settings(spec);
    JenkinsAgents jenkins = AgentsFile.read(agents, busy);
    ReaperRun.Outcome outcome;
    try (KubernetesClient client = kube.connect()) {
      KubernetesGpuCluster cluster =
          new KubernetesGpuCluster(
              client, settings.pods(), settings.agentSelector(), Clock.systemUTC());
      ReaperRun run = new ReaperRun(cluster, settings.reaper());
      outcome = kube.call(client, c -> run.run(() -> jenkins, dryRun, namespace));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Json.mapper().writeValueAsString(toJson(outcome)));
    } else {
      print(outcome, out);
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    outcome.problems().forEach(err::println);
    err.flush();
    return outcome.problems().isEmpty() ? 0 : 1;
  }

  private void print(ReaperRun.Outcome outcome, PrintWriter out) {
    List<ReapDecision> decisions = outcome.plan().decisions();
    if (decisions.isEmpty()) {
      out.println(
          "No Jenkins agent pods"
              + (namespace == null ? "" : " in namespace " + namespace)
              + " ("
              + outcome.plan().ignoredPods()
              + " other pods are never touched).");
      return;
    }
    Table table = new Table("pod", "phase", "decision");
    for (ReapDecision d : decisions) {
      table.row(d.pod().key(), d.pod().phase(), d.reason());
    }
    table.print(out);
    out.println();
    int chosen = outcome.plan().deletions().size();
    if (dryRun) {
      out.println(
          "Dry run: would delete "
              + chosen
              + " of "
              + decisions.size()
              + " agent pods; nothing was deleted.");
    } else {
      out.println(
          "Deleted " + outcome.deleted().size() + " of " + decisions.size() + " agent pods.");
    }
  }

  private ObjectNode toJson(ReaperRun.Outcome outcome) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("dry_run", dryRun);
    root.put("at", outcome.plan().at().toString());
    root.put("ignored_pods", outcome.plan().ignoredPods());
    ArrayNode list = root.putArray("decisions");
    for (ReapDecision d : outcome.plan().decisions()) {
      ObjectNode node = list.addObject();
      node.put("namespace", d.pod().namespace());
      node.put("pod", d.pod().name());
      node.put("phase", d.pod().phase());
      node.put("action", d.action().name().toLowerCase(java.util.Locale.ROOT));
      node.put("reason", d.reason());
      node.put("deleted", outcome.deleted().contains(d));
    }
    ArrayNode problems = root.putArray("problems");
    outcome.problems().forEach(problems::add);
    return root;
  }
}
