package io.ctsuite.promotion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.Fixtures;
import io.ctsuite.promotion.report.Golden;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

public class ConfigEditorTest {
  private static final String NEW_SHA =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  /** What a promotion writes: uri, version, sha256 and lineage. */
  static Map<String, Object> promotion(String version) {
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("build_url", "https://jenkins.example.com/job/phase/13/");
    lineage.put("dataset_version", "ds-2024-06");
    lineage.put("git_commit", "5d6e7f8");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("uri", "s3://models/phase-recognition/v" + version + "/model.onnx");
    fields.put("version", version);
    fields.put("sha256", NEW_SHA);
    fields.put("lineage", lineage);
    return fields;
  }

  private static String yaml() {
    return Fixtures.resource(ConfigEditorTest.class, "models.yaml");
  }

  private static String json() {
    return Fixtures.resource(ConfigEditorTest.class, "models.json");
  }

  private static String set(String file, String text, String path, Map<String, ?> fields) {
    return ConfigEditor.forFile(file).set(text, KeyPath.parse(path), fields);
  }

  @Test
  public void shouldUpdateAModelInPlaceKeepingCommentsOrderAndQuotes() {
    String edited = set("deploy/models.yaml", yaml(), "models.phase-recognition", promotion("13"));
    Golden.assertMatches(ConfigEditorTest.class, "models-updated.yaml", edited);
    assertThat(edited)
        .contains("    uri: s3://models/phase-recognition/v13/model.onnx   # current production\n")
        .contains("    version: \"13\"\n")
        .contains("    sha256: '" + NEW_SHA + "'\n")
        .contains("    resources: {gpu: 1, memory: 8Gi}\n");
    // everything outside the changed values is byte for byte the same
    assertThat(edited.lines().count()).isEqualTo(yaml().lines().count() + 0);
  }

  @Test
  public void shouldChangeNothingWhenTheValuesAreAlreadyThere() {
    String once = set("models.yaml", yaml(), "models.phase-recognition", promotion("13"));
    String twice = set("models.yaml", once, "models.phase-recognition", promotion("13"));
    assertThat(twice).isEqualTo(once);
  }

  @Test
  public void shouldAddANewModelLineAfterTheLastOne() {
    String edited = set("models.yaml", yaml(), "models.tool-tracking", promotion("1"));
    Golden.assertMatches(ConfigEditorTest.class, "models-added.yaml", edited);
    assertThat(edited)
        .contains(
            "      - 0.7\n"
                + "  tool-tracking:\n"
                + "    uri: s3://models/phase-recognition/v1/model.onnx\n"
                + "    version: \"1\"\n"
                + "    sha256: "
                + NEW_SHA
                + "\n"
                + "    lineage:\n"
                + "      build_url: https://jenkins.example.com/job/phase/13/\n");
    assertThat(edited)
        .endsWith("# Flags are read at start-up.\nfeature_flags:\n  shadow_mode: false\n");
  }

  @Test
  public void shouldCreateMissingParentsAtTheEnd() {
    String edited =
        set("models.yaml", yaml(), "serving.canary.phase-recognition", Map.of("uri", "s3://x"));
    assertThat(edited)
        .endsWith(
            "  shadow_mode: false\n"
                + "serving:\n"
                + "  canary:\n"
                + "    phase-recognition:\n"
                + "      uri: s3://x\n");
  }

  @Test
  public void shouldQuoteVersionsThatWouldReadAsNumbers() {
    String text = "models:\n  a:\n    version: 1.9\n    tag: x\n";
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("version", "1.10");
    fields.put("tag", "true");
    fields.put("note", "a: b # not a comment");
    String edited = set("m.yml", text, "models.a", fields);
    assertThat(edited)
        .isEqualTo(
            "models:\n"
                + "  a:\n"
                + "    version: \"1.10\"\n"
                + "    tag: \"true\"\n"
                + "    note: \"a: b # not a comment\"\n");
    assertThat(ConfigEditor.forFile("m.yml").get(edited, KeyPath.parse("models.a.version")))
        .isEqualTo("1.10");
  }

  @Test
  public void shouldRemoveKeysSetToNull() {
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("dataset_version", null);
    lineage.put("git_commit", "5d6e7f8");
    Map<String, Object> fields = Map.of("lineage", lineage);
    String edited = set("models.yaml", yaml(), "models.phase-recognition", fields);
    assertThat(edited)
        .contains(
            "    lineage:\n"
                + "      build_url: https://jenkins.example.com/job/phase/12/\n"
                + "      git_commit: 5d6e7f8\n"
                + "    resources:");
  }

  @Test
  public void shouldLeaveAnEmptyMapWhenEveryKeyIsRemoved() {
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("build_url", null);
    lineage.put("dataset_version", null);
    lineage.put("git_commit", null);
    String edited =
        set("models.yaml", yaml(), "models.phase-recognition", Map.of("lineage", lineage));
    assertThat(edited).contains("    runtime: onnxruntime-gpu\n    lineage: {}\n    resources:");
    Map<String, Object> gone = new LinkedHashMap<>();
    gone.put("lineage", null);
    assertThat(set("models.yaml", yaml(), "models.phase-recognition", gone))
        .contains("    runtime: onnxruntime-gpu\n    resources:");
  }

  @Test
  public void shouldFillAnEmptyKey() {
    String text = "models:   # none yet\nother: 1\n";
    String edited = set("m.yaml", text, "models.a", Map.of("uri", "s3://a"));
    assertThat(edited).isEqualTo("models:   # none yet\n  a:\n    uri: s3://a\nother: 1\n");
  }

  @Test
  public void shouldEditFlowMappings() {
    String text = "models: {a: {uri: 'old', version: 1}, b: {uri: x}}\n";
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("uri", "new");
    fields.put("sha256", "abc");
    String edited = set("m.yaml", text, "models.a", fields);
    assertThat(edited)
        .isEqualTo("models: {a: {uri: 'new', version: 1, sha256: abc}, b: {uri: x}}\n");
  }

  @Test
  public void shouldStartAnEmptyFile() {
    assertThat(set("m.yaml", "", "models.a", Map.of("uri", "s3://a")))
        .isEqualTo("models:\n  a:\n    uri: s3://a\n");
    assertThat(set("m.yaml", "# nothing yet\n", "models.a", Map.of("uri", "s3://a")))
        .isEqualTo("# nothing yet\nmodels:\n  a:\n    uri: s3://a\n");
  }

  @Test
  public void shouldKeepWindowsLineEndings() {
    String text = "models:\r\n  a:\r\n    uri: old\r\n";
    String edited = set("m.yaml", text, "models.a", promotion("2"));
    assertThat(edited).startsWith("models:\r\n  a:\r\n    uri: s3://").doesNotContain("\n\n");
    assertThat(edited.replace("\r\n", "")).doesNotContain("\n");
  }

  @Test
  public void shouldFollowTheFilesIndentation() {
    String text = "models:\n    a:\n        uri: old\n";
    String edited = set("m.yaml", text, "models.b", Map.of("lineage", Map.of("build", "x")));
    assertThat(edited).isEqualTo(text + "    b:\n        lineage:\n            build: x\n");
  }

  @Test
  public void shouldRefuseToSetFieldsUnderAScalar() {
    assertThatThrownBy(
            () ->
                set("deploy/models.yaml", yaml(), "models.phase-recognition.uri", Map.of("a", "b")))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "deploy/models.yaml line 10: models.phase-recognition.uri is the value"
                + " 's3://models/phase-recognition/v12/model.onnx', not a map; cannot set fields"
                + " under it");
  }

  @Test
  public void shouldNameTheLineOfBrokenYaml() {
    assertThatThrownBy(() -> set("m.yaml", "models:\n  a: [1,\n", "models.a", Map.of("u", "v")))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("m.yaml line 3: not valid YAML");
  }

  @Test
  public void shouldUpdateJsonInPlace() {
    String edited = set("deploy/models.json", json(), "models.phase-recognition", promotion("13"));
    Golden.assertMatches(ConfigEditorTest.class, "models-updated.json", edited);
    assertThat(edited)
        .contains("            \"version\": \"13\",\n")
        .contains(
            "                \"git_commit\": \"5d6e7f8\",\n"
                + "                \"dataset_version\": \"ds-2024-06\"\n")
        .contains("\"instrument-detection\": {\"uri\": \"s3://models/instruments/v3/model.onnx\"");
    assertThat(set("deploy/models.json", edited, "models.phase-recognition", promotion("13")))
        .isEqualTo(edited);
  }

  @Test
  public void shouldAddToJsonObjectsOfEveryShape() {
    String added = set("m.json", json(), "feature_flags", Map.of("shadow_mode", false));
    assertThat(added)
        .contains("    \"feature_flags\": {\n        \"shadow_mode\": false\n    }\n}");
    String inline = set("m.json", json(), "models.instrument-detection", Map.of("sha256", "abc"));
    assertThat(inline)
        .contains(
            "{\"uri\": \"s3://models/instruments/v3/model.onnx\", \"version\": 3, \"sha256\":"
                + " \"abc\"}");
    assertThat(set("m.json", "{\"a\": 1}", "models.x", Map.of("uri", "u")))
        .isEqualTo("{\"a\": 1, \"models\": {\"x\":{\"uri\":\"u\"}}}");
    assertThat(set("m.json", "", "models.x", Map.of("uri", "u")))
        .isEqualTo("{\n  \"models\": {\n    \"x\": {\n      \"uri\": \"u\"\n    }\n  }\n}\n");
  }

  @Test
  public void shouldRemoveJsonMembersWithTheirCommas() {
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("build_url", null);
    String edited =
        set(
            "m.json",
            json(),
            "models.phase-recognition",
            Map.of("lineage", lineage, "runtime", "trt"));
    assertThat(edited)
        .contains(
            "            \"runtime\": \"trt\",\n"
                + "            \"lineage\": {\n"
                + "                \"git_commit\": \"1a2b3c4\"\n"
                + "            }");
  }

  @Test
  public void shouldNameTheLineOfBrokenJson() {
    assertThatThrownBy(() -> set("m.json", "{\n\"a\": 1,\n}", "x", Map.of("u", "v")))
        .isInstanceOf(InputException.class)
        .hasMessage("m.json line 3: not valid JSON: expected a quoted key");
  }

  @Test
  public void shouldParseKeyPaths() {
    assertThat(KeyPath.parse("models.phase-recognition").segments())
        .containsExactly("models", "phase-recognition");
    assertThat(KeyPath.parse("models.\"resnet-1.5\"").segments())
        .containsExactly("models", "resnet-1.5");
    assertThat(KeyPath.parse("models.\"resnet-1.5\"")).hasToString("models.\"resnet-1.5\"");
    assertThatThrownBy(() -> KeyPath.parse("models..x"))
        .hasMessage("key path models..x: has an empty segment");
    assertThatThrownBy(() -> ConfigEditor.forFile("models.toml"))
        .hasMessage("models.toml: the deployment config must be a .yaml, .yml or .json file");
  }
}
