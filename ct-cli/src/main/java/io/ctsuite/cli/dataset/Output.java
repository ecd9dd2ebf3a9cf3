package io.ctsuite.cli.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.policy.Amounts;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Shared output helpers of the dataset commands. */
final class Output {
  private Output() {}

  static void json(PrintWriter out, Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A progress renderer on the command's error stream (a bar on a terminal, lines elsewhere). */
  static ProgressRenderer progress(CommandSpec spec, boolean quiet) {
    PrintWriter err = spec.commandLine().getErr();
    PrintStream stream =
        quiet
            ? new PrintStream(java.io.OutputStream.nullOutputStream())
            : new PrintStream(
                new ErrOutputStream(err), true, java.nio.charset.StandardCharsets.UTF_8);
    return new ProgressRenderer(stream);
  }

  /** {@code surgical-videos v42 (3f2a9c1e7b4d): 12,345 files, 2.1 GB}. */
  static String version(VersionInfo v) {
    return v.dataset()
        + " "
        + v.label()
        + " ("
        + v.shortId()
        + "): "
        + Amounts.files(v.files())
        + ", "
        + Amounts.bytes(v.bytes());
  }

  static String creator(String given) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String build = System.getenv("BUILD_TAG");
    return build == null || build.isBlank() ? null : build;
  }
}
