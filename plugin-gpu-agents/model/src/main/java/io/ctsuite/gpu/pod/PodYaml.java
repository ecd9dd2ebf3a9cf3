package io.ctsuite.gpu.pod;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ctsuite.core.InputException;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.stream.Collectors;

/**
 * Reads and writes pods as YAML the way {@code kubectl} users expect: no document marker, quotes
 * only where YAML needs them, and numbers-as-strings quoted so that label values such as "true" and
 * quantities such as "2" stay strings.
 */
public final class PodYaml {
  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private PodYaml() {}

  /** The mapper, shared by the merger to move between pods and trees. */
  static ObjectMapper mapper() {
    return YAML;
  }

  /** A pod as YAML text. */
  public static String write(Pod pod) {
    try {
      return YAML.writeValueAsString(pod);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the pod as YAML: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a pod from YAML; {@code source} (a file name) is named in errors together with the line
   * and the field.
   */
  public static Pod read(String text, String source) {
    return YAML.convertValue(readTree(text, source), Pod.class);
  }

  /** Reads a pod as a tree, checking that it is a Pod and that its fields have the right types. */
  static ObjectNode readTree(String text, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(
          source + where(e) + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new InputException(source + ": the file is empty; expected a Pod");
    }
    if (!tree.isObject()) {
      throw new InputException(
          source + ": expected a Pod (a YAML mapping), found " + tree.getNodeType());
    }
    JsonNode kind = tree.get("kind");
    if (kind != null && !"Pod".equals(kind.asText())) {
      throw new InputException(
          source + ": kind is '" + kind.asText() + "'; the base must be a Pod (kind: Pod)");
    }
    try {
      // bind it once so that type errors (a list where a map belongs) are reported with the field
      YAML.readValue(text, Pod.class);
    } catch (JsonProcessingException e) {
      throw new InputException(source + where(e) + ": " + describe(e), e);
    }
    return (ObjectNode) tree;
  }

  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int cut = message.indexOf(" (through reference chain");
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null
                          ? "." + ref.getFieldName()
                          : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining())
              .replaceFirst("^\\.", "");
      return "field " + field + ": " + message;
    }
    return message;
  }
}
