package io.ctsuite.gpu;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
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
      throw new InputException(
          source
              + where(e)
              + ": unknown field '"
              + e.getPropertyName()
              + "'; known fields: "
              + known,
          e);
    } catch (JsonProcessingException e) {
      throw new InputException(source + where(e) + ": " + describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": " + e.getMessage(), e);
    }
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
