package io.jenkins.plugins.ct.promotion;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gate.Evaluation;
import io.ctsuite.promotion.gate.EvaluationReader;
import io.ctsuite.promotion.gate.Gate;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.GateSpec;
import io.ctsuite.promotion.gate.GateSpecParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the gate where the files are: reads the spec (unless the Pipeline gave it as a map) and the
 * result files of both models in the workspace, evaluates, and sends back only the result.
 */
final class GateCallable extends MasterToSlaveFileCallable<GateResult> {
  private static final long serialVersionUID = 1L;

  private final String[] candidate;
  private final String[] baseline;
  private final String specFile;
  private final GateSpec spec;

  /**
   * @param specFile the spec's path in the workspace, or null when {@code spec} is given
   * @param spec the spec parsed on the controller from a Pipeline map, or null
   */
  GateCallable(List<String> candidate, List<String> baseline, String specFile, GateSpec spec) {
    this.candidate = candidate.toArray(new String[0]);
    this.baseline = baseline.toArray(new String[0]);
    this.specFile = specFile;
    this.spec = spec;
  }

  @Override
  public GateResult invoke(File workspace, VirtualChannel channel) throws IOException {
    try {
      GateSpec gateSpec =
          spec != null
              ? spec
              : GateSpecParser.parse(read(workspace, specFile, "gate spec"), specFile);
      EvaluationReader reader = new EvaluationReader(gateSpec.idColumn());
      Evaluation cand = reader.read("candidate", contents(workspace, candidate, "candidate"));
      Evaluation base = reader.read("baseline", contents(workspace, baseline, "baseline"));
      return new Gate(gateSpec).evaluate(cand, base);
    } catch (InputException e) {
      // the message names the file, line or field; a stack trace would only hide it
      throw new AbortException(e.getMessage());
    }
  }

  private static Map<String, String> contents(File workspace, String[] files, String label)
      throws IOException {
    Map<String, String> contents = new LinkedHashMap<>();
    for (String file : files) {
      contents.put(file, read(workspace, file, label));
    }
    return contents;
  }

  private static String read(File workspace, String path, String label) throws IOException {
    File file = new File(path);
    if (!file.isAbsolute()) {
      file = new File(workspace, path);
    }
    try {
      return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AbortException(
          label + " file not found: " + path + " (looked in " + workspace + ")");
    }
  }
}
