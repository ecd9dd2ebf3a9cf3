package io.jenkins.plugins.ct.tracking.sweep;

import hudson.Util;
import hudson.remoting.VirtualChannel;
import io.ctsuite.tracking.sweep.process.MessageLineTap;
import io.jenkins.plugins.ct.tracking.ConsoleCopyFile;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import jenkins.MasterToSlaveFileCallable;
import jenkins.security.MasterToSlaveCallable;
import jenkins.util.JenkinsJVM;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;

/**
 * Copies the {@code ##ct[…]} lines a trial's steps print to a small file as they are written, so
 * that the sweep reads each trial's reports from an offset in that file instead of reading step
 * logs back: {@code LogStorage.stepLog} of the default file storage copies a step's whole log on
 * every call (its source says per-step content cannot be streamed lazily), and the build's overall
 * log, which can be read from an offset, does not say which step wrote a line.
 *
 * <p>Jenkins applies a decorator where the output is produced: in the controller's JVM for {@code
 * echo} and for {@code sh} on the built-in node, on the agent for {@code sh} there (the decorator
 * is serialized with the step's listener). The copy goes to {@code trials/<n>/console.log} in the
 * sweep's directory in the first case, and to a file named after the build, sweep and trial in the
 * agent's temporary directory in the second, which the sweep reads through the agent's channel.
 * Every line is passed on unchanged; a line without the prefix is never decoded.
 */
final class TrialConsoleTap extends TaskListenerDecorator {
  private static final long serialVersionUID = 1L;

  private final String controllerCopy;
  private final String agentCopyName;

  TrialConsoleTap(File controllerCopy, String agentCopyName) {
    this.controllerCopy = controllerCopy.getAbsolutePath();
    this.agentCopyName = agentCopyName;
  }

  /** The copy on the controller: {@code trials/<n>/console.log} in the sweep's directory. */
  static File controllerCopy(File sweepDirectory, int trial) {
    return new File(
        new File(new File(sweepDirectory, "trials"), Integer.toString(trial)), "console.log");
  }

  /**
   * The copy's name in an agent's temporary directory: unique per build (of any job), sweep and
   * trial. Two jobs' builds of the same number may run sweeps of the same name on one agent, and a
   * sweep name may hold characters a file name cannot, so both go into a digest.
   */
  static String agentCopyName(String buildId, String sweep, int trial) {
    String digest;
    try {
      digest =
          Util.getHexOfSHA256DigestOf((buildId + "\n" + sweep).getBytes(StandardCharsets.UTF_8))
              .substring(0, 16);
    } catch (IOException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    return "ct-sweep-" + digest + "-t" + trial + ".console";
  }

  @Override
  public OutputStream decorate(OutputStream logger) {
    File target =
        JenkinsJVM.isJenkinsJVM()
            ? new File(controllerCopy)
            : new File(System.getProperty("java.io.tmpdir"), agentCopyName);
    return new Tee(logger, target);
  }

  /** Passes every byte on, and hands them to a line tap that appends message lines to the copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream out;
    private final MessageLineTap tap;

    Tee(OutputStream out, File target) {
      this.out = out;
      this.tap = new MessageLineTap(line -> append(target, line));
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      tap.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      tap.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      tap.finish();
      out.close();
    }
  }

  private static void append(File target, String line) {
    try {
      ConsoleCopyFile.appendLine(target, line);
    } catch (IOException e) {
      // the console keeps the line; the sweep misses one report rather than failing the step
    }
  }

  /** The agent's temporary directory, where its copy lies. */
  static final class AgentTempDir extends MasterToSlaveCallable<String, IOException> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call() {
      return System.getProperty("java.io.tmpdir");
    }
  }

  /** Deletes an agent's copy once the trial has ended and it was read to its end. */
  static final class DeleteCopy extends MasterToSlaveFileCallable<Void> {
    private static final long serialVersionUID = 1L;

    @Override
    public Void invoke(File file, VirtualChannel channel) {
      if (file.isFile() && !file.delete()) {
        file.deleteOnExit();
      }
      return null;
    }
  }
}
