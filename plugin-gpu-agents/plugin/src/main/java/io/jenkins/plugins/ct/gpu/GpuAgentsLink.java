package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.security.Permission;
import hudson.slaves.Cloud;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.policy.Schedule;
import io.ctsuite.gpu.reaper.ReapDecision;
import io.ctsuite.gpu.request.GpuRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » GPU agents: the GPUs of each Kubernetes cloud (nodes, types, free and used,
 * pending GPU pods and why), what the reaper decided, the static GPU machines and their leases, and
 * the queued GPU work in the order it will start, which administrators can change.
 */
@Extension
public class GpuAgentsLink extends ManagementLink {
  @Override
  public String getIconFileName() {
    return "symbol-server";
  }

  @Override
  public String getDisplayName() {
    return "GPU agents";
  }

  @Override
  public String getDescription() {
    return "GPUs of the Kubernetes clouds and static machines, pending GPU pods and why, the"
        + " reaper's decisions, and the order of queued GPU work.";
  }

  @Override
  public String getUrlName() {
    return "ct-gpu";
  }

  @Override
  public Permission getRequiredPermission() {
    return Jenkins.ADMINISTER;
  }

  @Override
  public Category getCategory() {
    return Category.STATUS;
  }

  // --- Kubernetes ------------------------------------------------------------------------------

  public List<CloudView> getClouds() {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    List<CloudView> views = new ArrayList<>();
    for (GpuClusterState.Round round : GpuClusterState.get().rounds()) {
      views.add(new CloudView(round));
    }
    return views;
  }

  public boolean isHasKubernetesClouds() {
    for (Cloud cloud : Jenkins.get().clouds) {
      if (cloud instanceof KubernetesCloud) {
        return true;
      }
    }
    return false;
  }

  /** Reads every cloud's GPUs now, without deleting anything. */
  @POST
  public HttpResponse doRefresh() {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    CtGpuConfiguration c = GpuAgents.configuration();
    for (Cloud cloud : Jenkins.get().clouds) {
      if (cloud instanceof KubernetesCloud kubernetes) {
        GpuReaperWork.round(kubernetes, c, TaskListener.NULL, false);
      }
    }
    return HttpResponses.redirectToDot();
  }

  /** One cloud's last round, in words for the page. */
  public static final class CloudView {
    private final GpuClusterState.Round round;

    CloudView(GpuClusterState.Round round) {
      this.round = round;
    }

    public String getName() {
      return round.cloud();
    }

    public String getAge() {
      return Durations.words(Duration.between(round.at(), Instant.now())) + " ago";
    }

    public String getError() {
      return round.error();
    }

    public List<NodeRow> getNodes() {
      List<NodeRow> rows = new ArrayList<>();
      if (round.inventory() != null) {
        for (GpuInventory.NodeGpus node : round.inventory().nodes()) {
          rows.add(new NodeRow(node));
        }
      }
      return rows;
    }

    public List<String> getPending() {
      List<String> rows = new ArrayList<>();
      if (round.inventory() != null) {
        for (GpuInventory.PendingGpuPod pod : round.inventory().pending()) {
          rows.add(
              pod.pod().key()
                  + (pod.pod().gpuRequest() == null ? "" : " (" + pod.pod().gpuRequest() + ")")
                  + ", waiting "
                  + Durations.words(pod.waiting())
                  + ": "
                  + pod.reason());
        }
      }
      return rows;
    }

    public List<String> getDecisions() {
      List<String> rows = new ArrayList<>();
      if (round.plan() != null) {
        for (ReapDecision d : round.plan().decisions()) {
          rows.add((d.deletes() ? "delete " : "keep ") + d.pod().key() + ": " + d.reason());
        }
      }
      return rows;
    }

    public List<String> getDeleted() {
      return round.deleted();
    }

    public List<String> getProblems() {
      return round.problems();
    }
  }

  /** One GPU node. */
  public static final class NodeRow {
    private final GpuInventory.NodeGpus node;

    NodeRow(GpuInventory.NodeGpus node) {
      this.node = node;
    }

    public String getName() {
      return node.node().name();
    }

    public String getType() {
      return node.node().type() == null ? "" : node.node().type();
    }

    public String getProduct() {
      return node.node().product() == null ? "" : node.node().product();
    }

    public String getAllocatable() {
      return words(node.node().allocatable());
    }

    public String getUsed() {
      return words(node.allocated());
    }

    public String getFree() {
      return words(node.free());
    }

    public String getState() {
      return node.state() + (node.node().spot() ? ", spot" : "");
    }

    public int getPods() {
      return node.pods();
    }

    private static String words(Map<String, Long> resources) {
      return resources.isEmpty()
          ? "0"
          : resources.entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey())
              .collect(Collectors.joining(", "));
    }
  }

  // --- Static machines ---------------------------------------------------------------------------

  public List<MachineRow> getMachines() {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    List<MachineRow> rows = new ArrayList<>();
    Jenkins jenkins = Jenkins.get();
    List<Node> nodes = new ArrayList<>();
    nodes.add(jenkins);
    nodes.addAll(jenkins.getNodes());
    for (Node node : nodes) {
      GpuSlotsNodeProperty slots = node.getNodeProperty(GpuSlotsNodeProperty.class);
      if (slots != null) {
        rows.add(new MachineRow(node.getNodeName(), slots));
      }
    }
    return rows;
  }

  /** A static GPU machine and its leases as the machine holds them. */
  public static final class MachineRow {
    private final String nodeName;
    private final GpuSlotsNodeProperty slots;

    MachineRow(String nodeName, GpuSlotsNodeProperty slots) {
      this.nodeName = nodeName;
      this.slots = slots;
    }

    public String getName() {
      return nodeName.isEmpty() ? "built-in" : nodeName;
    }

    public String getGpus() {
      return slots.getCount() == 0 ? "counted by nvidia-smi" : String.valueOf(slots.getCount());
    }

    public String getType() {
      return slots.getGpuType() == null ? "" : slots.getGpuType();
    }

    public List<String> getLeases() {
      VirtualChannel channel = ActiveLeases.channel(nodeName);
      if (channel == null) {
        return List.of("(offline)");
      }
      try {
        List<String> leases = channel.call(new SlotCalls.Leases(slots.stateDirOrDefault()));
        return leases.isEmpty() ? List.of("(all free)") : leases;
      } catch (Exception e) {
        return List.of("cannot read the leases: " + e.getMessage());
      }
    }
  }

  // --- Queue -------------------------------------------------------------------------------------

  public List<QueueRow> getQueue() {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    Map<String, Schedule.Decision> decisions = GpuQueue.byId(GpuQueue.schedule());
    List<QueueRow> rows = new ArrayList<>();
    int position = 1;
    for (Queue.Item item : GpuQueueOrder.get().ordered()) {
      Optional<GpuRequest> request = GpuQueue.requestOrEmpty(item);
      Schedule.Decision decision = decisions.get(GpuQueue.idOf(item));
      rows.add(
          new QueueRow(
              item.getId(),
              position++,
              item.task.getFullDisplayName(),
              request.map(GpuRequest::text).orElse(""),
              decision == null
                  ? ""
                  : GpuAgents.settings().scheduling().classOf(decision.request().priorityClass()),
              decision == null ? item.getWhy() : decision.reason()));
    }
    return rows;
  }

  /** Moves a queued GPU item one place up or down (administrators only). */
  @POST
  public HttpResponse doMove(@QueryParameter long id, @QueryParameter String direction) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    GpuQueueOrder.get().move(id, "up".equals(direction));
    Queue.getInstance().scheduleMaintenance();
    return HttpResponses.redirectToDot();
  }

  /** One queued GPU item. */
  public static final class QueueRow {
    private final long id;
    private final int position;
    private final String name;
    private final String request;
    private final String priorityClass;
    private final String reason;

    QueueRow(
        long id, int position, String name, String request, String priorityClass, String reason) {
      this.id = id;
      this.position = position;
      this.name = name;
      this.request = request;
      this.priorityClass = priorityClass;
      this.reason = reason;
    }

    public long getId() {
      return id;
    }

    public int getPosition() {
      return position;
    }

    public String getName() {
      return name;
    }

    public String getRequest() {
      return request;
    }

    public String getPriorityClass() {
      return priorityClass;
    }

    public String getReason() {
      return reason;
    }
  }
}
