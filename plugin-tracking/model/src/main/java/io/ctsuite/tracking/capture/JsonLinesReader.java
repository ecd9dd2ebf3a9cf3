package io.ctsuite.tracking.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.Metrics;
import io.ctsuite.tracking.run.ParamValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Reads metrics written as JSON lines, one object per line, and reports them to a {@link
 * CaptureSink}. Each line may hold any of:
 *
 * <ul>
 *   <li>one metric: {@code {"key":"loss","value":0.31,"step":120,"ts":1716735746.5}} ({@code step}
 *       optional: the key's previous step plus one, from 0; the time may be named {@code ts},
 *       {@code time}, {@code timestamp} or {@code wall_time}, in seconds, milliseconds or ISO-8601,
 *       default the reader's clock; the value may be {@code NaN}, {@code Infinity} or a quoted
 *       number);
 *   <li>several metrics of one step: {@code {"step":3,"metrics":{"loss":0.2,"acc":0.91}}};
 *   <li>parameters: {@code {"params":{"lr":0.01,"optimizer":{"name":"adam"}}}} (flattened to dotted
 *       keys, types kept);
 *   <li>tags: {@code {"tags":{"arch":"resnet50"}}};
 *   <li>an artifact: {@code {"artifact":"out/model.pt","role":"model"}}.
 * </ul>
 *
 * Blank lines are skipped. A line that is no JSON object or holds none of these is reported to
 * {@link CaptureSink#problem} with its line number (and column for syntax errors) and skipped; the
 * lines around it are kept. Not thread-safe: one reader per stream.
 */
public final class JsonLinesReader {
  private static final JsonFactory FACTORY = Json.mapper().getFactory();

  private final String source;
  private final CaptureSink sink;
  private final StepCounter steps = new StepCounter();
  private final FastJsonLine fast = new FastJsonLine();
  private LongSupplier clock = System::currentTimeMillis;
  private long line;
  private long points;

  /**
   * @param source what the lines come from, for problem messages (usually the file name)
   * @param sink receives metrics, params, tags, artifacts and problems
   */
  public JsonLinesReader(String source, CaptureSink sink) {
    this.source = Objects.requireNonNull(source, "source");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Sets the clock that stamps metrics without a time (default: now). */
  public JsonLinesReader clock(LongSupplier epochMillis) {
    this.clock = Objects.requireNonNull(epochMillis, "clock");
    return this;
  }

  /**
   * Reads the next line (without its line terminator).
   *
   * @return whether the line was understood (blank lines count as understood)
   */
  public boolean acceptLine(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return acceptLine(bytes, 0, bytes.length);
  }

  /** Reads the next line given as UTF-8 bytes (without its line terminator). */
  public boolean acceptLine(byte[] buffer, int offset, int length) {
    line++;
    if (isBlank(buffer, offset, length)) {
      return true;
    }
    if (fast.parse(buffer, offset, length)) {
      emit(
          fast.key,
          fast.hasStep ? fast.step : null,
          fast.hasTime ? fast.time : clock.getAsLong(),
          fast.value);
      return true;
    }
    try (JsonParser parser = FACTORY.createParser(buffer, offset, length)) {
      return object(parser);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String column = where == null ? "" : "column " + where.getColumnNr() + ": ";
      problem(column + "not valid JSON: " + e.getOriginalMessage());
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a whole stream, including a last line without a line end.
   *
   * @return the number of lines read
   */
  public long read(InputStream in) throws IOException {
    long before = line;
    LineSplitter lines = new LineSplitter(this::acceptLine);
    lines.readAll(in, true);
    return line - before;
  }

  /** Lines read so far; the number of the last line read. */
  public long lines() {
    return line;
  }

  /** Metric points reported so far. */
  public long points() {
    return points;
  }

  /**
   * Continues the line numbering of a file read earlier up to {@code lines} lines, so that problem
   * messages name the right line when reading resumes in the middle of a growing file.
   */
  public JsonLinesReader startAfterLine(long lines) {
    this.line = lines;
    return this;
  }

  private boolean object(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      problem("expected a JSON object {...}");
      return false;
    }
    String key = null;
    double value = Double.NaN;
    boolean hasValue = false;
    Long step = null;
    Long wallTime = null;
    Map<?, ?> metrics = null;
    Map<?, ?> params = null;
    Map<?, ?> tags = null;
    String artifact = null;
    String role = null;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken valueToken = parser.nextToken();
      switch (field) {
        case "key" -> key = text(parser, valueToken);
        case "value" -> {
          Double v = number(parser, valueToken);
          if (v == null) {
            problem("\"value\" must be a number, found " + describe(parser, valueToken));
            return false;
          }
          value = v;
          hasValue = true;
        }
        case "step" -> {
          Double v = number(parser, valueToken);
          if (v == null || v != Math.rint(v) || Double.isInfinite(v)) {
            problem("\"step\" must be a whole number, found " + describe(parser, valueToken));
            return false;
          }
          step = v.longValue();
        }
        case "ts", "time", "timestamp", "wall_time" -> {
          Long t = time(parser, valueToken);
          if (t == null) {
            problem("\"" + field + "\" is no time: " + describe(parser, valueToken));
            return false;
          }
          wallTime = t;
        }
        case "metrics" -> metrics = map(parser, valueToken, field);
        case "params" -> params = map(parser, valueToken, field);
        case "tags" -> tags = map(parser, valueToken, field);
        case "artifact" -> artifact = text(parser, valueToken);
        case "role" -> role = text(parser, valueToken);
        default -> parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
      problem("text after the JSON object");
      return false;
    }
    if (key != null && !hasValue) {
      problem("metric '" + key + "' has no \"value\"");
      return false;
    }
    if (key == null && hasValue) {
      problem("\"value\" without \"key\"");
      return false;
    }
    if (metrics != null) {
      for (Map.Entry<?, ?> entry : metrics.entrySet()) {
        if (toDouble(entry.getValue()) == null) {
          problem("\"metrics\": '" + entry.getKey() + "' is not a number: " + entry.getValue());
          return false;
        }
      }
    }
    if (key == null && metrics == null && params == null && tags == null && artifact == null) {
      problem("expected \"key\" and \"value\", \"metrics\", \"params\", \"tags\" or \"artifact\"");
      return false;
    }
    long time = wallTime != null ? wallTime : clock.getAsLong();
    if (params != null) {
      ParamValues.flatten("", params, sink::param);
    }
    if (tags != null) {
      tags.forEach((k, v) -> sink.tag(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    if (key != null) {
      emit(key, step, time, value);
    }
    if (metrics != null) {
      for (Map.Entry<?, ?> entry : metrics.entrySet()) {
        emit(String.valueOf(entry.getKey()), step, time, toDouble(entry.getValue()));
      }
    }
    if (artifact != null) {
      sink.artifact(artifact, role);
    }
    return true;
  }

  private void emit(String key, Long step, long time, double value) {
    if (key.isEmpty()) {
      problem("a metric key is empty");
      return;
    }
    sink.metric(new MetricPoint(key, steps.step(key, step), time, value));
    points++;
  }

  private Map<?, ?> map(JsonParser parser, JsonToken token, String field) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      problem("\"" + field + "\" should be an object {...}; ignored");
      return null;
    }
    return Json.mapper().readValue(parser, Map.class);
  }

  /** A scalar as text (numbers keep their spelling); objects and arrays are skipped. */
  private static String text(JsonParser parser, JsonToken token) throws IOException {
    if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  private static Double number(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Metrics.parse(parser.getText());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    parser.skipChildren();
    return null;
  }

  private static Long time(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      double t = parser.getDoubleValue();
      return Double.isFinite(t) ? Metrics.wallTimeMillis(t) : null;
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return ServiceMessageParser.parseTime(parser.getText());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    parser.skipChildren();
    return null;
  }

  private static Double toDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Metrics.parse(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String describe(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> "\"" + parser.getText() + "\"";
      case VALUE_NULL -> "null";
      case START_OBJECT, END_OBJECT -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      default -> parser.getText();
    };
  }

  private void problem(String message) {
    sink.problem(CaptureProblem.atLine(source, line, message));
  }

  private static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
