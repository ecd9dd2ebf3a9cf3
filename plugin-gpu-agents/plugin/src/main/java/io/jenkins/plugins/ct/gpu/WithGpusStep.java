package io.jenkins.plugins.ct.gpu;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code withGpus(2) { sh 'python train.py' }} on a static GPU machine: leases GPUs that no other
 * build holds, runs the block with {@code CUDA_VISIBLE_DEVICES} (and {@code
 * NVIDIA_VISIBLE_DEVICES}) set to them, and gives them back when the block ends, fails or is
 * aborted. While too few are free it waits and says why.
 */
public class WithGpusStep extends Step {
  private final int count;

  @DataBoundConstructor
  public WithGpusStep(int count) {
    this.count = count;
  }

  public int getCount() {
    return count;
  }

  @Override
  public StepExecution start(StepContext context) throws Exception {
    return new Execution(context, count);
  }

  /** Waits for a lease, runs the body with it, releases it; survives a controller restart. */
  static final class Execution extends AbstractStepExecutionImpl {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(WithGpusStep.class.getName());

    /** How often a waiting block asks the machine again. */
    static long pollSeconds = Long.getLong(WithGpusStep.class.getName() + ".pollSeconds", 10);

    private static final long REPORT_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final int count;
    private String leaseId;
    private String nodeName;
    private String stateDir;
    private int machineGpus;
    private String gpuType;
    private String nvidiaSmi;
    private String jobName;
    private long ttlSeconds;
    private String devices;
    private long grantedAt;
    private long waitingSince;
    private long lastReport;
    private String waitingReason;
    private BodyExecution body;
    private transient volatile ScheduledFuture<?> poll;
    private transient volatile boolean stopped;

    Execution(StepContext context, int count) {
      super(context);
      this.count = count;
    }

    @Override
    public boolean start() throws Exception {
      if (count < 1) {
        throw new AbortException("withGpus: ask for at least 1 GPU, not " + count);
      }
      StepContext context = getContext();
      Node node = context.get(Node.class);
      GpuSlotsNodeProperty slots = slotsOf(node);
      if (slots == null) {
        String name = displayName(node.getNodeName());
        throw new AbortException(
            "withGpus: node "
                + name
                + " has no GPU slots; add the 'GPU slots' property to it (Manage Jenkins » Nodes » "
                + name
                + " » Configure) or run this block on a GPU machine");
      }
      Run<?, ?> run = context.get(Run.class);
      FlowNode flowNode = context.get(FlowNode.class);
      nodeName = node.getNodeName();
      stateDir = slots.stateDirOrDefault();
      machineGpus = slots.getCount();
      gpuType = slots.getGpuType();
      nvidiaSmi = slots.getNvidiaSmi();
      ttlSeconds = TimeUnit.MINUTES.toSeconds(GpuAgents.configuration().getSlotLeaseMinutes());
      // one lease per block: parallel branches of a build hold separate, disjoint GPUs
      leaseId = run.getExternalizableId() + " step " + flowNode.getId();
      jobName = run.getParent().getFullName();
      waitingSince = System.currentTimeMillis();
      schedule(0);
      return false;
    }

    /** The property of the node, else the one set for all nodes. */
    static GpuSlotsNodeProperty slotsOf(Node node) {
      GpuSlotsNodeProperty slots = node.getNodeProperty(GpuSlotsNodeProperty.class);
      if (slots == null) {
        slots = Jenkins.get().getGlobalNodeProperties().get(GpuSlotsNodeProperty.class);
      }
      return slots;
    }

    private void schedule(long delaySeconds) {
      if (!stopped) {
        poll = Timer.get().schedule(this::attempt, delaySeconds, TimeUnit.SECONDS);
      }
    }

    private void attempt() {
      if (stopped) {
        return;
      }
      try {
        VirtualChannel channel = ActiveLeases.channel(nodeName);
        if (channel == null) {
          waitFor("node " + displayName(nodeName) + " is offline");
          return;
        }
        SlotCalls.Answer answer =
            channel.call(
                new SlotCalls.Acquire(
                    stateDir, machineGpus, nvidiaSmi, leaseId, count, ttlSeconds));
        if (answer.granted) {
          granted(answer.devices);
        } else if (answer.never) {
          getContext()
              .onFailure(
                  new AbortException(
                      "withGpus("
                          + count
                          + ") on "
                          + displayName(nodeName)
                          + ": "
                          + answer.reason));
        } else {
          waitFor(answer.reason);
        }
      } catch (IOException | RuntimeException e) {
        getContext().onFailure(new AbortException("withGpus: " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        getContext().onFailure(e);
      }
    }

    private void waitFor(String reason) {
      waitingReason = reason;
      long now = System.currentTimeMillis();
      if (lastReport == 0 || now - lastReport >= REPORT_EVERY_MILLIS) {
        lastReport = now;
        log(
            (now - waitingSince < 1000 ? "" : "Still ")
                + "Waiting for "
                + count
                + " GPU"
                + (count == 1 ? "" : "s")
                + " on "
                + displayName(nodeName)
                + ": "
                + reason);
      }
      schedule(pollSeconds);
    }

    private synchronized void granted(String leased) throws IOException, InterruptedException {
      devices = leased;
      grantedAt = System.currentTimeMillis();
      waitingReason = null;
      if (stopped) {
        release();
        return;
      }
      ActiveLeases.start(
          leaseId, nodeName, stateDir, devices, ttlSeconds, nvidiaSmi, jobName, gpuType);
      log(
          "Leased GPU"
              + (count == 1 ? " " : "s ")
              + devices
              + " of "
              + displayName(nodeName)
              + " (CUDA_VISIBLE_DEVICES="
              + devices
              + ")");
      StepContext context = getContext();
      body =
          context
              .newBodyInvoker()
              .withContext(
                  EnvironmentExpander.merge(
                      context.get(EnvironmentExpander.class), new GpuEnvironment(leaseId, devices)))
              .withCallback(
                  new ReleaseGpus(leaseId, nodeName, stateDir, gpuType, count, devices, grantedAt))
              .start();
    }

    private void release() {
      ActiveLeases.finish(leaseId);
      ReleaseGpus.giveBack(nodeName, stateDir, leaseId);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
      stopped = true;
      ScheduledFuture<?> p = poll;
      if (p != null) {
        p.cancel(false);
      }
      BodyExecution b;
      synchronized (this) {
        b = body;
      }
      if (b != null) {
        b.cancel(cause); // the callback gives the GPUs back
      } else {
        if (devices != null) {
          release();
        }
        getContext().onFailure(cause);
      }
    }

    @Override
    public void onResume() {
      if (body == null) {
        // asking again with the same id returns a lease granted just before the restart
        waitingSince = System.currentTimeMillis();
        lastReport = 0;
        schedule(0);
      } else {
        ActiveLeases.start(
            leaseId, nodeName, stateDir, devices, ttlSeconds, nvidiaSmi, jobName, gpuType);
        Timer.get()
            .submit(
                () -> {
                  VirtualChannel channel = ActiveLeases.channel(nodeName);
                  try {
                    if (channel != null
                        && !channel.call(new SlotCalls.Renew(stateDir, leaseId, ttlSeconds))) {
                      log(
                          "The GPU lease expired while Jenkins was down: GPUs "
                              + devices
                              + " may now be leased to another build as well");
                    }
                  } catch (Exception e) {
                    LOGGER.log(Level.WARNING, "could not renew " + leaseId + " after a restart", e);
                  }
                });
      }
    }

    @Override
    public String getStatus() {
      if (devices != null) {
        return "holds GPUs " + devices + " of " + displayName(nodeName);
      }
      return "waiting for " + count + " GPUs" + (waitingReason == null ? "" : ": " + waitingReason);
    }

    private void log(String line) {
      try {
        PrintStream out = getContext().get(TaskListener.class).getLogger();
        out.println(line);
      } catch (IOException | InterruptedException e) {
        LOGGER.log(Level.FINE, line, e);
      }
    }
  }

  static String displayName(String nodeName) {
    return nodeName == null || nodeName.isEmpty() ? "the built-in node" : "'" + nodeName + "'";
  }

  /** Gives the GPUs back when the body ends, however it ends, and records their use. */
  static final class ReleaseGpus extends BodyExecutionCallback.TailCall {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ReleaseGpus.class.getName());
    private final String leaseId;
    private final String nodeName;
    private final String stateDir;
    private final String gpuType;
    private final int count;
    private final String devices;
    private final long grantedAt;

    ReleaseGpus(
        String leaseId,
        String nodeName,
        String stateDir,
        String gpuType,
        int count,
        String devices,
        long grantedAt) {
      this.leaseId = leaseId;
      this.nodeName = nodeName;
      this.stateDir = stateDir;
      this.gpuType = gpuType;
      this.count = count;
      this.devices = devices;
      this.grantedAt = grantedAt;
    }

    @Override
    protected void finished(StepContext context) throws Exception {
      ActiveLeases.Active measured = ActiveLeases.finish(leaseId);
      boolean released = giveBack(nodeName, stateDir, leaseId);
      TaskListener listener = context.get(TaskListener.class);
      listener
          .getLogger()
          .println(
              released
                  ? "Released GPUs " + devices + " of " + displayName(nodeName)
                  : "GPUs "
                      + devices
                      + " of "
                      + displayName(nodeName)
                      + " go back to the machine when their lease expires");
      GpuUsageAction.record(
          context.get(Run.class),
          new GpuUse(
              GpuUse.SLOTS,
              nodeName == null || nodeName.isEmpty() ? "built-in" : nodeName,
              gpuType,
              count,
              devices,
              grantedAt,
              System.currentTimeMillis(),
              measured == null ? null : measured.averageUtilisation(),
              measured == null ? 0 : measured.samples()));
    }

    /** Releases on the machine; false when it is offline or the lease was already gone. */
    static boolean giveBack(String nodeName, String stateDir, String leaseId) {
      VirtualChannel channel = ActiveLeases.channel(nodeName);
      if (channel == null) {
        return false;
      }
      try {
        return channel.call(new SlotCalls.Release(stateDir, leaseId));
      } catch (Exception e) {
        LOGGER.log(Level.WARNING, "could not release the GPU lease " + leaseId, e);
        return false;
      }
    }
  }

  @Extension
  @Symbol("withGpus")
  public static class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "withGpus";
    }

    @Override
    public String getDisplayName() {
      return "Lease GPUs of a static GPU machine for a block";
    }

    @Override
    public boolean takesImplicitBlockArgument() {
      return true;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Node.class, Run.class, TaskListener.class, FlowNode.class);
    }
  }
}
