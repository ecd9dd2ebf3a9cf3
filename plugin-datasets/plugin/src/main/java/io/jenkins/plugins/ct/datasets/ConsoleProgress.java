package io.jenkins.plugins.ct.datasets;

import io.ctsuite.core.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a snapshot or a materialization as plain console lines (a build log is no terminal):
 * one line every few seconds and one when a task finishes, with counts, files/s, MB/s and the time
 * left. Runs on the machine that does the work.
 */
final class ConsoleProgress implements Progress {
  private static final long INTERVAL_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final String prefix;
  private String task;
  private long taskStarted = System.nanoTime();
  private long lastUpdate = taskStarted;
  private long lastLine;

  ConsoleProgress(PrintStream out, String prefix) {
    this.out = out;
    this.prefix = prefix;
  }

  @Override
  public synchronized void update(
      String name, long done, long total, long bytesDone, long bytesTotal) {
    long now = System.nanoTime();
    if (!name.equals(task)) {
      // a task reports first after some work: it started when the one before it last reported
      task = name;
      taskStarted = lastUpdate;
      lastLine = now;
    }
    lastUpdate = now;
    boolean finished = total >= 0 && done >= total;
    if (!finished && now - lastLine < INTERVAL_NANOS) {
      return;
    }
    lastLine = now;
    out.println(prefix + line(name, done, total, bytesDone, bytesTotal, now - taskStarted));
  }

  static String line(
      String task, long done, long total, long bytesDone, long bytesTotal, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    StringBuilder text =
        new StringBuilder(task).append(": ").append(String.format(Locale.ROOT, "%,d", done));
    if (total >= 0) {
      text.append('/').append(String.format(Locale.ROOT, "%,d", total));
    }
    text.append(" files");
    if (bytesTotal > 0) {
      text.append(
          String.format(Locale.ROOT, ", %.1f of %.1f MB", bytesDone / 1e6, bytesTotal / 1e6));
    } else if (bytesDone > 0) {
      text.append(String.format(Locale.ROOT, ", %.1f MB", bytesDone / 1e6));
    }
    text.append(String.format(Locale.ROOT, ", %.0f files/s", done / seconds));
    if (bytesDone > 0 || bytesTotal > 0) {
      text.append(String.format(Locale.ROOT, ", %.1f MB/s", bytesDone / 1e6 / seconds));
    }
    if (total > 0 && done > 0 && done < total) {
      double left =
          bytesTotal > 0 && bytesDone > 0
              ? seconds * (bytesTotal - bytesDone) / bytesDone
              : seconds * (total - done) / done;
      text.append(String.format(Locale.ROOT, ", ETA %s", eta(Math.round(left))));
    } else if (total >= 0 && done >= total) {
      text.append(String.format(Locale.ROOT, ", done in %.1f s", seconds));
    }
    return text.toString();
  }

  private static String eta(long seconds) {
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return (seconds / 60) + " min";
    }
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
  }
}
