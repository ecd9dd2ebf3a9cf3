package io.ctsuite.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Python that runs the example project. Debian's {@code /usr/bin/python3} by default, because a
 * pyenv or virtualenv {@code python3} earlier on the PATH cannot import Debian's python3-torch;
 * {@code CT_PYTHON} chooses another.
 */
public final class PythonRuntime {
  static final String SETUP_HINT =
      "install them with `bash .ci/setup.sh` (Debian: apt-get install python3-torch python3-numpy"
          + " python3-yaml), or point CT_PYTHON at a Python that has them";
  private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

  private final String executable;

  PythonRuntime(String executable) {
    this.executable = executable;
  }

  /** CT_PYTHON, else /usr/bin/python3 when present, else python3 from the PATH. */
  public static PythonRuntime locate(Map<String, String> env) {
    String chosen = env.get("CT_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      return new PythonRuntime(chosen);
    }
    return new PythonRuntime(
        Files.isExecutable(DEBIAN_PYTHON) ? DEBIAN_PYTHON.toString() : "python3");
  }

  public String executable() {
    return executable;
  }

  /**
   * The PyTorch version, after checking that torch, numpy and yaml import.
   *
   * @throws DemoException naming what is missing and how to install it
   */
  public String checkPackages() {
    List<String> output = new ArrayList<>();
    int exit;
    try {
      exit =
          run(
              Path.of("."),
              List.of("-c", "import numpy, yaml, torch; print(torch.__version__)"),
              Map.of(),
              output::add);
    } catch (DemoException e) {
      throw new DemoException(
          "cannot start Python (" + executable + "): " + e.getMessage() + "; " + SETUP_HINT);
    }
    if (exit != 0) {
      String last = output.isEmpty() ? "exit code " + exit : output.get(output.size() - 1);
      throw new DemoException(
          executable + " lacks what the example needs (" + last + "); " + SETUP_HINT);
    }
    return output.isEmpty() ? "?" : output.get(output.size() - 1).strip();
  }

  /** The command line that runs a script with arguments (for `ct track run -- …`). */
  public List<String> command(Path script, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.add("-u"); // unbuffered: lines reach the console (and the tracker) as they are printed
    command.add(script.toString());
    command.addAll(args);
    return command;
  }

  /** Runs a script, passing each output line (stdout and stderr merged) to {@code lines}. */
  public int runScript(
      Path workDir,
      Path script,
      List<String> args,
      Map<String, String> env,
      Consumer<String> lines) {
    List<String> command = command(script, args);
    return run(workDir, command.subList(1, command.size()), env, lines);
  }

  private int run(
      Path workDir, List<String> args, Map<String, String> env, Consumer<String> lines) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.accept(line);
        }
      }
      return process.waitFor();
    } catch (IOException e) {
      throw new DemoException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
