package io.jenkins.plugins.ct.tracking;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Node;
import java.io.File;
import java.io.Serializable;
import jenkins.model.Jenkins;

/**
 * Where a tracked run lives: its id and name, the node and run directory of its session, and the
 * workspace its relative paths start from. A plain value: it travels in the Pipeline program (as
 * the body's context, for {@code logMetric} and friends) and in build.xml.
 */
public final class RunHandle implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final String name;
  private final String node;
  private final String runDir;
  private final String workspace;

  public RunHandle(String runId, String name, String node, String runDir, String workspace) {
    this.runId = runId;
    this.name = name;
    this.node = node;
    this.runDir = runDir;
    this.workspace = workspace;
  }

  public String getRunId() {
    return runId;
  }

  public String getName() {
    return name;
  }

  /** The node's name; empty for the built-in node. */
  public String getNode() {
    return node;
  }

  /** The run directory on the node ({@code CT_RUN_DIR}). */
  public String getRunDir() {
    return runDir;
  }

  public String getWorkspace() {
    return workspace;
  }

  /** The run directory, reachable through the node's channel; {@code null} while it is offline. */
  @CheckForNull
  FilePath runDirPath() {
    Jenkins jenkins = Jenkins.getInstanceOrNull();
    if (jenkins == null) {
      return null;
    }
    Node n = node == null || node.isEmpty() ? jenkins : jenkins.getNode(node);
    return n == null ? null : n.createPath(runDir);
  }

  /** The console copy a step on the controller writes, in the build's own tracking directory. */
  static File controllerConsole(File buildTrackingDir, String runId) {
    return new File(new File(buildTrackingDir, runId), "console-controller.log");
  }
}
