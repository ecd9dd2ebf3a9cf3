package io.jenkins.plugins.ct.tracking;

import hudson.console.LineTransformationOutputStream;
import io.ctsuite.tracking.capture.ServiceMessage;
import io.ctsuite.tracking.capture.ServiceMessageStamp;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;

/**
 * Copies the console lines of a tracked block that hold {@code ##ct[...]} service messages to a
 * file the run's session reads, stamped with the time they were seen. Every line is passed on
 * unchanged; a line without the prefix costs one byte scan.
 *
 * <p>Jenkins applies a decorator wherever the output is produced: on the agent for {@code sh} (the
 * decorator is serialized there), on the controller for {@code echo} and other steps that print
 * directly. So the copy goes to the run directory when this JVM sees it (the agent, or the built-in
 * node), and otherwise to a file under the build's directory on the controller, which is handed to
 * the session before each read.
 */
final class ServiceMessageDecorator extends TaskListenerDecorator {
  private static final long serialVersionUID = 1L;
  private static final byte[] PREFIX = ServiceMessage.PREFIX.getBytes(StandardCharsets.US_ASCII);

  private final String runDirConsole;
  private final String controllerConsole;

  ServiceMessageDecorator(String runDirConsole, String controllerConsole) {
    this.runDirConsole = runDirConsole;
    this.controllerConsole = controllerConsole;
  }

  @Override
  public OutputStream decorate(OutputStream logger) {
    File inRunDir = new File(runDirConsole);
    File parent = inRunDir.getParentFile();
    File target = parent != null && parent.isDirectory() ? inRunDir : new File(controllerConsole);
    return new Copying(logger, target);
  }

  /** Passes lines through; appends the stamped ones with messages to {@code target}. */
  private static final class Copying extends LineTransformationOutputStream.Delegating {
    private final File target;

    Copying(OutputStream out, File target) {
      super(out);
      this.target = target;
    }

    @Override
    protected void eol(byte[] b, int len) throws IOException {
      out.write(b, 0, len);
      if (indexOf(b, len) < 0) {
        return;
      }
      String line = trimEol(new String(b, 0, len, StandardCharsets.UTF_8));
      if (ServiceMessageStamp.isShellTrace(line)) {
        return; // `sh` traces each command (set -x): the command's own output follows
      }
      ConsoleCopyFile.appendLine(
          target, ServiceMessageStamp.stamp(line, System.currentTimeMillis()));
    }

    private static int indexOf(byte[] b, int len) {
      outer:
      for (int i = 0; i + PREFIX.length <= len; i++) {
        for (int j = 0; j < PREFIX.length; j++) {
          if (b[i + j] != PREFIX[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    private static String trimEol(String line) {
      int end = line.length();
      while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
        end--;
      }
      return line.substring(0, end);
    }
  }
}
