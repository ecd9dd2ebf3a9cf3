package io.ctsuite.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The two Jackson mappers every module shares, configured once so that files written by one module
 * read the same in another.
 *
 * <p>NaN and ±Infinity are read bare or quoted, and written quoted ("NaN"), because metric values
 * legitimately take them, they must survive a round trip, and browsers reject bare NaN. Output is
 * sorted and indented so that files are stable and diffable.
 */
public final class Json {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private static final ObjectMapper COMPACT =
      JSON.copy()
          .disable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  /** Pretty, key-sorted JSON that accepts NaN and Infinity. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** Single-line JSON for JSON lines and bulk files. */
  public static ObjectMapper compact() {
    return COMPACT;
  }

  /** YAML for specs and configuration files. */
  public static ObjectMapper yaml() {
    return YAML;
  }
}
