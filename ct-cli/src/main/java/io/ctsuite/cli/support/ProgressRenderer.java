package io.ctsuite.cli.support;

import io.ctsuite.core.Progress;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows progress of long work: a progress bar on a terminal; on anything else (a Jenkins console, a
 * pipe) a plain line every few seconds with counts, rates and the time left.
 */
public final class ProgressRenderer implements Progress, AutoCloseable {
  private static final long LINE_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private ProgressBar bar;
  private long lastLine;
  private String lastTask;

  public ProgressRenderer(PrintStream out) {
    this(out, System.console() != null && System.getenv("CI") == null);
  }

  ProgressRenderer(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void update(
      String task, long done, long total, long bytesDone, long bytesTotal) {
    if (terminal) {
      if (bar == null || !task.equals(lastTask)) {
        closeBar();
        bar =
            new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(total, 0))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .build();
        lastTask = task;
      }
      bar.maxHint(total < 0 ? -1 : total);
      bar.stepTo(done);
      return;
    }
    long now = System.nanoTime();
    boolean finished = total >= 0 && done >= total;
    if (!finished && now - lastLine < LINE_INTERVAL_NANOS && task.equals(lastTask)) {
      return;
    }
    lastLine = now;
    lastTask = task;
    out.println(line(task, done, total, bytesDone, bytesTotal, now - started));
  }

  static String line(
      String task, long done, long total, long bytesDone, long bytesTotal, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    StringBuilder text = new StringBuilder(task).append(": ").append(done);
    if (total >= 0) {
      text.append('/').append(total);
    }
    text.append(" files");
    if (bytesDone > 0) {
      text.append(String.format(", %.1f MB", bytesDone / 1e6));
    }
    text.append(String.format(", %.0f files/s", done / seconds));
    if (bytesDone > 0) {
      text.append(String.format(", %.1f MB/s", bytesDone / 1e6 / seconds));
    }
    if (total > 0 && done > 0 && done < total) {
      long eta = Math.round(seconds * (total - done) / done);
      text.append(String.format(", about %ds left", eta));
    }
    return text.toString();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public synchronized void close() {
    closeBar();
  }
}
