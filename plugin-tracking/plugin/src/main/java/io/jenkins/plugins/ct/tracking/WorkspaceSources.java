package io.jenkins.plugins.ct.tracking;

import hudson.Util;
import io.ctsuite.tracking.capture.FileCapture;
import io.ctsuite.tracking.session.RunSession;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.tools.ant.DirectoryScanner;
import org.apache.tools.ant.types.FileSet;

/**
 * The files a tracked block names, found with Ant patterns in the workspace (the patterns Jenkins
 * users know from {@code archiveArtifacts}), looked up again at every poll because training writes
 * them as it goes. Runs on the agent.
 */
final class WorkspaceSources implements RunSession.Sources {
  private final File workspace;
  private final String tensorboard;
  private final String metrics;

  WorkspaceSources(File workspace, String tensorboard, String metrics) {
    this.workspace = workspace;
    this.tensorboard = Util.fixEmptyAndTrim(tensorboard);
    this.metrics = Util.fixEmptyAndTrim(metrics);
  }

  /**
   * Directories holding event files: a pattern that names a directory counts as that directory;
   * otherwise the directories of the matching event files.
   */
  @Override
  public Collection<Path> eventDirectories() {
    Set<Path> dirs = new LinkedHashSet<>();
    if (tensorboard == null) {
      return dirs;
    }
    List<String> patterns = new ArrayList<>();
    for (String pattern : tensorboard.split("\\s*,\\s*")) {
      File named = new File(workspace, pattern);
      if (!pattern.isEmpty() && !hasWildcard(pattern) && named.isDirectory()) {
        dirs.add(named.toPath());
      } else if (!pattern.isEmpty()) {
        patterns.add(pattern);
      }
    }
    for (File file : matching(String.join(",", patterns))) {
      if (FileCapture.kindOf(file.toPath()) == FileCapture.Kind.EVENTS) {
        dirs.add(file.getParentFile().toPath());
      }
    }
    return dirs;
  }

  @Override
  public Collection<Path> metricFiles() {
    List<Path> files = new ArrayList<>();
    for (File f : matching(metrics)) {
      files.add(f.toPath());
    }
    return files;
  }

  private List<File> matching(String patterns) {
    List<File> files = new ArrayList<>();
    if (patterns == null || patterns.isEmpty() || !workspace.isDirectory()) {
      return files;
    }
    FileSet set = Util.createFileSet(workspace, patterns);
    DirectoryScanner scanner = set.getDirectoryScanner();
    for (String relative : scanner.getIncludedFiles()) {
      files.add(new File(workspace, relative));
    }
    return files;
  }

  private static boolean hasWildcard(String pattern) {
    return pattern.contains("*") || pattern.contains("?");
  }
}
