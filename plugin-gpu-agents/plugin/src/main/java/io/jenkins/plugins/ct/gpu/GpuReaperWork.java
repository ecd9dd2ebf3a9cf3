package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Computer;
import hudson.model.Executor;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.TaskListener;
import hudson.slaves.Cloud;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.cluster.AgentPods;
import io.ctsuite.gpu.cluster.ClusterSnapshot;
import io.ctsuite.gpu.cluster.KubernetesGpuCluster;
import io.ctsuite.gpu.cluster.PodView;
import io.ctsuite.gpu.reaper.AgentActivity;
import io.ctsuite.gpu.reaper.JenkinsAgents;
import io.ctsuite.gpu.reaper.ReapDecision;
import io.ctsuite.gpu.reaper.ReapPlan;
import io.ctsuite.gpu.reaper.Reaper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesSlave;

/**
 * Every few minutes, for each Kubernetes cloud: reads the cluster's GPU nodes, pods and events
 * (kept for the GPU agents page), and deletes this controller's GPU agent pods that the model's
 * reaper chose (stopped, build ended, stuck Pending, idle, or without an agent), logging why. A pod
 * whose agent runs a build is never deleted: Jenkins' agents are read after the cluster, so a build
 * that just started counts as running.
 */
@Extension
public class GpuReaperWork extends AsyncPeriodicWork {
  private static final Logger LOGGER = Logger.getLogger(GpuReaperWork.class.getName());
  static long periodMinutes = Long.getLong(GpuReaperWork.class.getName() + ".periodMinutes", 5);

  public GpuReaperWork() {
    super("CT GPU agents reaper");
  }

  @Override
  public long getRecurrencePeriod() {
    return TimeUnit.MINUTES.toMillis(Math.max(1, periodMinutes));
  }

  @Override
  protected void execute(TaskListener listener) throws IOException, InterruptedException {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    if (c == null) {
      return;
    }
    for (Cloud cloud : Jenkins.get().clouds) {
      if (cloud instanceof KubernetesCloud kubernetes) {
        round(kubernetes, c, listener, true);
      }
    }
  }

  /**
   * One round for one cloud (deleting only when {@code reap}); a cloud that cannot be read is
   * noted, the others still run.
   */
  static GpuClusterState.Round round(
      KubernetesCloud cloud, CtGpuConfiguration c, TaskListener listener, boolean reap) {
    Instant started = Instant.now();
    GpuClusterState.Round round;
    try {
      GpuSettings settings = c.settings();
      String controller = GpuPods.CONTROLLER_LABEL + "=" + GpuAgents.controllerId();
      KubernetesGpuCluster cluster =
          new KubernetesGpuCluster(
              KubernetesLoader.call(cloud::connect),
              settings.pods(),
              new AgentPods(List.of(controller)),
              Clock.systemUTC());
      ClusterSnapshot snapshot = KubernetesLoader.call(cluster::snapshot);
      JenkinsAgents agents = jenkinsAgents(); // after the snapshot: see the class comment
      String namespace = cloud.getNamespace();
      List<PodView> pods = new ArrayList<>();
      for (PodView pod : snapshot.pods()) {
        if (namespace == null || namespace.isBlank() || namespace.equals(pod.namespace())) {
          pods.add(pod);
        }
      }
      ReapPlan plan =
          new Reaper(settings.reaper()).decide(pods, snapshot.events(), agents, snapshot.at());
      List<String> deleted = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      if (reap && c.isReaperEnabled()) {
        for (ReapDecision decision : plan.deletions()) {
          String line = decision.pod().key() + " (" + decision.reason() + ")";
          if (c.isReaperDryRun()) {
            listener.getLogger().println("would delete " + line);
            continue;
          }
          try {
            if (KubernetesLoader.call(() -> cluster.delete(decision.pod()))) {
              deleted.add(line);
              LOGGER.log(
                  Level.INFO,
                  "GPU reaper, cloud {0}: deleted {1}",
                  new Object[] {cloud.name, line});
            }
          } catch (Exception e) {
            problems.add("could not delete " + decision.pod().key() + ": " + e.getMessage());
          }
        }
      }
      round =
          new GpuClusterState.Round(
              cloud.name, started, snapshot.inventory(), plan, deleted, problems, null);
    } catch (Exception e) {
      String message =
          "cannot read the cluster of cloud "
              + cloud.name
              + ": "
              + describe(e)
              + " (the GPU page and reaper need to list nodes, pods and events in all namespaces,"
              + " and to delete pods in the cloud's namespace)";
      LOGGER.log(Level.WARNING, message, e);
      round =
          new GpuClusterState.Round(cloud.name, started, null, null, List.of(), List.of(), message);
    }
    GpuClusterState.get().put(round);
    return round;
  }

  /** The message of an error and of its root cause, which is often the telling part. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(e.getMessage()).strip();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return message;
  }

  /**
   * What Jenkins' agents do, by name: a Kubernetes agent is named after its pod. Every agent is
   * listed, so a GPU pod of this controller without an agent is an orphan.
   */
  static JenkinsAgents jenkinsAgents() {
    Map<String, AgentActivity> activities = new HashMap<>();
    for (Node node : Jenkins.get().getNodes()) {
      Computer computer = node.toComputer();
      String name = node instanceof KubernetesSlave k ? k.getPodName() : node.getNodeName();
      if (computer == null) {
        // being created: treat as idle from now, so that it gets the whole idle timeout
        activities.put(name, AgentActivity.idle(Instant.now()));
        continue;
      }
      String build = runningBuild(computer);
      if (build != null) {
        activities.put(name, AgentActivity.busy(build));
      } else {
        activities.put(
            name, AgentActivity.idle(Instant.ofEpochMilli(computer.getIdleStartMilliseconds())));
      }
    }
    return new JenkinsAgents(activities, true);
  }

  /** The build an agent runs, or null when it is idle. */
  private static String runningBuild(Computer computer) {
    if (computer.isIdle()) {
      return null;
    }
    List<Executor> executors = new ArrayList<>(computer.getExecutors());
    executors.addAll(computer.getOneOffExecutors());
    for (Executor executor : executors) {
      Queue.Executable executable = executor.getCurrentExecutable();
      if (executable != null) {
        Queue.Executable parent = executable.getParentExecutable();
        return String.valueOf(parent != null ? parent : executable);
      }
    }
    return "(a build)";
  }
}
