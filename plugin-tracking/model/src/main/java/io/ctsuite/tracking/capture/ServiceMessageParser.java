package io.ctsuite.tracking.capture;

import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.Metrics;
import io.ctsuite.tracking.run.ParamValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Finds {@code ##ct[...]} service messages in a stream of log lines and reports what they say to a
 * {@link CaptureSink}. Cheap on lines without a message (one {@code indexOf}), so it can look at
 * every line of a console log. Not thread-safe: one parser per stream.
 *
 * <p>Messages understood:
 *
 * <ul>
 *   <li>{@code ##ct[metric key='val/mAP' value='0.412' step='3' ts='1716735746.5']}: {@code step}
 *       is optional (the key's previous step plus one, from 0), {@code ts} is optional (seconds,
 *       milliseconds or ISO-8601; default: the parser's clock); {@code value} may be {@code NaN},
 *       {@code Infinity}, {@code -inf}.
 *   <li>{@code ##ct[param key='lr' value='0.01']}: the value is typed ({@link
 *       ParamValues#infer(String)}).
 *   <li>{@code ##ct[tag key='arch' value='resnet50']} or {@code ##ct[tag 'nightly']}.
 *   <li>{@code ##ct[artifact path='out/model.pt' role='model']} or {@code ##ct[artifact
 *       'out/model.pt']}.
 * </ul>
 *
 * A malformed or unknown message is reported to {@link CaptureSink#problem} with its line number
 * and column, and the rest of the line and stream is still read.
 */
public final class ServiceMessageParser {
  private final String source;
  private final CaptureSink sink;
  private final StepCounter steps = new StepCounter();
  private LongSupplier clock = System::currentTimeMillis;
  private long line;
  private long messages;

  /**
   * @param source what the lines come from, for problem messages (a file name, "stdout")
   * @param sink receives metrics, params, tags, artifacts and problems
   */
  public ServiceMessageParser(String source, CaptureSink sink) {
    this.source = Objects.requireNonNull(source, "source");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /**
   * Sets the clock that stamps metrics printed without {@code ts} (default: now), e.g. a fixed time
   * for a log file read after the fact.
   */
  public ServiceMessageParser clock(LongSupplier epochMillis) {
    this.clock = Objects.requireNonNull(epochMillis, "clock");
    return this;
  }

  /**
   * Reads the next line (without its line terminator) and reports every message in it.
   *
   * @return the number of well-formed messages found on the line
   */
  public int acceptLine(CharSequence text) {
    return scan(line + 1, text);
  }

  /** Counts a line that holds no message without looking at it. */
  void skipLine() {
    line++;
  }

  /** Scans text that belongs to line {@code lineNumber} (a line may arrive in pieces). */
  int scan(long lineNumber, CharSequence text) {
    line = lineNumber;
    int at = ServiceMessage.indexOfPrefix(text, 0);
    if (at < 0) {
      return 0;
    }
    int found = 0;
    while (at >= 0) {
      int next;
      try {
        ServiceMessageSyntax.Parsed parsed = ServiceMessageSyntax.parse(text, at);
        next = parsed.end();
        if (interpret(parsed.message(), at)) {
          found++;
        }
      } catch (ServiceMessageSyntax.Malformed e) {
        problem(e.column(), "malformed service message: " + e.getMessage());
        next = at + ServiceMessage.PREFIX.length();
      }
      at = ServiceMessage.indexOfPrefix(text, next);
    }
    messages += found;
    return found;
  }

  /** Lines read so far; the number of the last line read. */
  public long lines() {
    return line;
  }

  /** Well-formed messages reported so far. */
  public long messages() {
    return messages;
  }

  /** The source name given at construction. */
  public String source() {
    return source;
  }

  private boolean interpret(ServiceMessage message, int column) {
    switch (message.name()) {
      case "metric":
        return metric(message, column);
      case "param":
        {
          String key = message.attribute("key");
          String value = message.attribute("value");
          if (isBlank(key) || value == null) {
            return missing(message, column, "key and value");
          }
          sink.param(key, ParamValues.infer(value));
          return true;
        }
      case "tag":
        {
          String key = message.value() != null ? message.value() : message.attribute("key");
          if (isBlank(key)) {
            return missing(message, column, "a key ('name' or key='name')");
          }
          String value = message.attribute("value");
          sink.tag(key, value == null ? "" : value);
          return true;
        }
      case "artifact":
        {
          String path = message.value() != null ? message.value() : message.attribute("path");
          if (isBlank(path)) {
            return missing(message, column, "a path ('file' or path='file')");
          }
          sink.artifact(path, message.attribute("role"));
          return true;
        }
      default:
        problem(
            column,
            "unknown service message '"
                + message.name()
                + "' (expected metric, param, tag or artifact)");
        return false;
    }
  }

  private boolean metric(ServiceMessage message, int column) {
    String key = message.attribute("key");
    String text = message.attribute("value");
    if (isBlank(key) || text == null) {
      return missing(message, column, "key and value");
    }
    double value;
    try {
      value = Metrics.parse(text);
    } catch (NumberFormatException e) {
      problem(column, "metric '" + key + "': value '" + text + "' is not a number");
      return false;
    }
    Long step = null;
    String stepText = message.attribute("step");
    if (stepText != null) {
      try {
        step = Long.parseLong(stepText.trim());
      } catch (NumberFormatException e) {
        problem(column, "metric '" + key + "': step '" + stepText + "' is not a whole number");
        return false;
      }
    }
    long wallTime;
    String ts = message.attribute("ts");
    if (ts == null) {
      wallTime = clock.getAsLong();
    } else {
      try {
        wallTime = parseTime(ts);
      } catch (IllegalArgumentException e) {
        problem(column, "metric '" + key + "': ts '" + ts + "' is no time");
        return false;
      }
    }
    sink.metric(new MetricPoint(key, steps.step(key, step), wallTime, value));
    return true;
  }

  static long parseTime(String ts) {
    String t = ts.trim();
    try {
      return Metrics.wallTimeMillis(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(t).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(e2);
      }
    }
  }

  /** Reports a problem with the current line as a whole. */
  void problemAtLine(String message) {
    sink.problem(CaptureProblem.atLine(source, line, message));
  }

  private boolean missing(ServiceMessage message, int column, String what) {
    problem(column, "service message '" + message.name() + "' needs " + what);
    return false;
  }

  private void problem(int column, String message) {
    sink.problem(CaptureProblem.atLine(source, line, "column " + (column + 1) + ": " + message));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
