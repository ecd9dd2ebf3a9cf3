package io.ctsuite.gpu;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads configuration files strictly: a misspelt field is an error that names the file, the line
 * and the fields that exist, instead of a setting silently ignored.
 */
public final class ConfigYaml {
  private static final ObjectMapper STRICT =
      Json.yaml().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigYaml() {}

  /** Reads {@code text} (from {@code source}, named in errors) as a {@code type}. */
  public static <T> T read(String text, String source, Class<T> type) {
    try {
      T value = STRICT.readValue(text, type);
      if (value == null) {
        throw new InputException(source + ": the file is empty");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      // records buffer their properties, so the parser has moved on: find the field's own line
      String where = lineOf(text, e.getPath()).map(line -> " line " + line).orElse(where(e));
      throw new InputException(
          source + where + ": unknown field '" + path(e) + "'; known fields: " + known, e);
    } catch (JsonProcessingException e) {
      throw new InputException(source + where(e) + ": " + describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": " + e.getMessage(), e);
    }
  }

  /** The line of the field at {@code path}, found by walking the YAML tokens. */
  static Optional<Integer> lineOf(String text, List<JsonMappingException.Reference> path) {
    try (JsonParser parser = STRICT.getFactory().createParser(text)) {
      Deque<Frame> stack = new ArrayDeque<>();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Frame top = stack.peek();
        if (token == JsonToken.FIELD_NAME) {
          top.lastName = parser.currentName();
          if (matches(stack, top.lastName, path)) {
            return Optional.of(parser.currentLocation().getLineNr());
          }
        } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          Object key = top == null ? null : top.array ? (Object) top.nextIndex++ : top.lastName;
          stack.push(new Frame(token == JsonToken.START_ARRAY, key));
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          stack.pop();
        } else if (top != null && top.array) {
          top.nextIndex++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the line is a help, not a must: the caller falls back to the parser's position
    }
    return Optional.empty();
  }

  private static boolean matches(
      Deque<Frame> stack, String name, List<JsonMappingException.Reference> path) {
    List<Object> here = new ArrayList<>();
    stack
        .descendingIterator()
        .forEachRemaining(
            f -> {
              if (f.key != null) {
                here.add(f.key);
              }
            });
    here.add(name);
    if (here.size() != path.size()) {
      return false;
    }
    for (int i = 0; i < here.size(); i++) {
      JsonMappingException.Reference ref = path.get(i);
      Object expected = ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex();
      if (!expected.equals(here.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** An open mapping or sequence while walking tokens. */
  private static final class Frame {
    final boolean array;
    final Object key;
    int nextIndex;
    String lastName;

    Frame(boolean array, Object key) {
      this.array = array;
      this.key = key;
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null || location.getLineNr() < 1
        ? ""
        : " line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String describe(JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof InputException input) {
      return input.getMessage();
    }
    String message = e.getOriginalMessage();
    int cut = message.indexOf(" (through reference chain");
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining())
              .replaceFirst("^\\.", "");
      return "field " + field + ": " + message;
    }
    return message;
  }
}
