package io.jenkins.plugins.ct.tracking.sweep;

import hudson.FilePath;
import hudson.slaves.WorkspaceList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WorkspaceAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;

/**
 * The flow nodes inside a block step's body (a trial's steps, wherever they run), and the
 * workspaces they run in. Read from the flow graph on the controller, so that a trial's output is
 * found whichever agent its body picks (its own {@code node}, {@code gpuNode}, none at all).
 */
final class BlockNodes {
  private BlockNodes() {}

  /** The nodes inside the block that {@code start} opens, in the order they were created. */
  static List<FlowNode> inside(FlowNode start) {
    FlowExecution execution = start.getExecution();
    List<FlowNode> heads = new ArrayList<>();
    for (FlowNode head : execution.getCurrentHeads()) {
      if (encloses(start, head)) {
        heads.add(head);
      }
    }
    // Usually a head lies in the block while it runs; otherwise (the block just ended) walk back
    // from every head and keep what the block encloses.
    boolean everyHead = heads.isEmpty();
    if (everyHead) {
      heads.addAll(execution.getCurrentHeads());
    }
    List<FlowNode> nodes = new ArrayList<>();
    DepthFirstScanner scanner = new DepthFirstScanner();
    if (scanner.setup(heads, Collections.singleton(start))) {
      for (FlowNode node : scanner) {
        if (!everyHead || encloses(start, node)) {
          nodes.add(node);
        }
      }
    }
    nodes.sort(Comparator.comparing(FlowNode::getId, BlockNodes::compareIds));
    return nodes;
  }

  /** Whether {@code node} lies inside the block {@code start} opens. */
  static boolean encloses(FlowNode start, FlowNode node) {
    for (BlockStartNode block : node.iterateEnclosingBlocks()) {
      if (block.getId().equals(start.getId())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The workspaces the block's steps may run in, by {@code node name + ":" + path}: those of {@code
   * node}/{@code ws} steps inside the block and of the nearest one around it. Offline nodes are
   * left out until they are back.
   */
  static Map<String, FilePath> workspaces(FlowNode start, List<FlowNode> inside) {
    Map<String, FilePath> found = new LinkedHashMap<>();
    for (BlockStartNode around : start.iterateEnclosingBlocks()) {
      if (add(found, around.getPersistentAction(WorkspaceAction.class))) {
        break;
      }
    }
    for (FlowNode node : inside) {
      if (node instanceof BlockStartNode) {
        add(found, node.getPersistentAction(WorkspaceAction.class));
      }
    }
    return found;
  }

  private static boolean add(Map<String, FilePath> found, WorkspaceAction action) {
    if (action == null) {
      return false;
    }
    FilePath workspace = action.getWorkspace();
    if (workspace != null) {
      found.put(action.getNode() + ":" + action.getPath(), workspace);
    }
    return true;
  }

  /** The temporary directory Jenkins gives a workspace ({@code WORKSPACE_TMP}). */
  static FilePath tempDir(FilePath workspace) {
    return WorkspaceList.tempDir(workspace);
  }

  /** Flow node ids are numbers in creation order; compare them as numbers. */
  static int compareIds(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
