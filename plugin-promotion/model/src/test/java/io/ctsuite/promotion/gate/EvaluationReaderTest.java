package io.ctsuite.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class EvaluationReaderTest {
  @Test
  public void shouldReadTheRealPredictionsCsvWithQuotedLineBreaks() {
    Evaluation ci =
        new EvaluationReader().read("baseline", Fixtures.groq("runs/ci/predictions.csv"));
    ExampleTable table = ci.examples();
    assertThat(table.size()).isEqualTo(36);
    assertThat(table.idColumn()).isEqualTo("prompt"); // no id column: the prompt is the key
    int json = table.rowOf("Return JSON exactly with key 'a' and value 1.");
    assertThat(table.column("prediction").text(json)).isEqualTo("```json\n{\n  \"a\": 1\n}\n```");
    assertThat(table.column("reference").text(json)).isEqualTo("{\\a\\\":1}\"");
    // the record after the multi-line one starts on its own line number
    assertThat(table.line(json + 1)).isEqualTo(table.line(json) + 5);
    assertThat(ci.datasetVersion()).isNull();
  }

  @Test
  public void shouldDeriveMatchMetricsFromPredictionAndReference() {
    Evaluation ci =
        new EvaluationReader().read("baseline", Fixtures.groq("runs/ci/predictions.csv"));
    ExampleTable table = ci.examples();
    Column exact = table.column("exact_match");
    assertThat(exact.isBinary()).isTrue();
    assertThat(exact.number(table.rowOf("Name the capital of France. Return only the city.")))
        .isEqualTo(1.0); // "Paris." matches "Paris"
    assertThat(exact.number(table.rowOf("Reverse the string 'hello'."))).isEqualTo(0.0);
    Column contains = table.column("contains_reference");
    assertThat(contains.number(table.rowOf("Reverse the string 'hello'."))).isEqualTo(1.0);
    double exactSum = 0;
    for (int r = 0; r < table.size(); r++) {
      exactSum += exact.number(r);
    }
    assertThat(exactSum).isEqualTo(20);
    assertThat(table.metricNames()).containsExactly("exact_match", "contains_reference");
  }

  @Test
  public void shouldMergePredictionsAndJudgeScoresOfOneRun() {
    Evaluation run =
        new EvaluationReader()
            .read(
                "candidate",
                Fixtures.groq(
                    "runs/with-judge-2/predictions.csv", "runs/with-judge-2/judgments.jsonl"));
    ExampleTable table = run.examples();
    assertThat(table.size()).isEqualTo(36);
    assertThat(table.source())
        .isEqualTo("runs/with-judge-2/predictions.csv + runs/with-judge-2/judgments.jsonl");
    assertThat(table.metricNames())
        .containsExactly(
            "coherence", "relevance", "groundedness", "exact_match", "contains_reference");
    assertThat(table.column("rationale").isNumeric()).isFalse();
    assertThat(run.sources())
        .containsExactly("runs/with-judge-2/predictions.csv", "runs/with-judge-2/judgments.jsonl");
  }

  @Test
  public void shouldRefuseFilesOfOneRunThatDisagree() {
    Map<String, String> files =
        Fixtures.groq("runs/ci/predictions.csv", "runs/with-judge-2/judgments.jsonl");
    assertThatThrownBy(() -> new EvaluationReader().read("candidate", files))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("runs/with-judge-2/judgments.jsonl line ")
        .hasMessageContaining(": column 'prediction' of example 'Reformat the date '12/31/2023'")
        .hasMessageContaining("differs from runs/ci/predictions.csv line 27");
  }

  @Test
  public void shouldNameTheLineOfADuplicateId() {
    String csv = "id,correct\na,1\nb,0\na,1\n";
    assertThatThrownBy(() -> new EvaluationReader().read("candidate", Map.of("c.csv", csv)))
        .hasMessage(
            "c.csv line 4: example id 'a' (id) appears again (first on line 2); every example"
                + " must appear once");
  }

  @Test
  public void shouldSayWhichColumnsThereAreWithoutAnId() {
    assertThatThrownBy(
            () -> new EvaluationReader().read("candidate", Map.of("c.csv", "name,correct\na,1\n")))
        .hasMessage(
            "c.csv: no example id column; name one of id, example_id, exampleId, example, uid,"
                + " key, prompt, question or set idColumn in the gate spec (columns: name,"
                + " correct)");
    assertThatThrownBy(
            () ->
                new EvaluationReader("uuid")
                    .read("candidate", Map.of("c.csv", "id,correct\na,1\n")))
        .hasMessage("c.csv: no id column 'uuid' (columns: id, correct)");
  }

  @Test
  public void shouldReadJsonLinesWithNestedScoresAndDatasetVersion() {
    String jsonl =
        "{\"id\": 1, \"dataset_version\": \"sha256:ab\", \"scores\": {\"f1\": 0.5}, \"ok\": true}\n"
            + "\n"
            + "{\"id\": 2, \"dataset_version\": \"sha256:ab\", \"scores\": {\"f1\": 1}, \"ok\": false}\n";
    Evaluation result = new EvaluationReader().read("candidate", Map.of("r.jsonl", jsonl));
    assertThat(result.datasetVersion()).isEqualTo("sha256:ab");
    assertThat(result.examples().metricNames()).containsExactly("scores.f1", "ok");
    assertThat(result.examples().column("ok").isBinary()).isTrue();
    assertThat(result.examples().line(1)).isEqualTo(3);
  }

  @Test
  public void shouldPointAtBrokenJsonLines() {
    assertThatThrownBy(
            () ->
                new EvaluationReader()
                    .read("candidate", Map.of("r.jsonl", "{\"id\": 1}\n{\"id\": 2,,}\n")))
        .hasMessageStartingWith("r.jsonl line 2, column ")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  public void shouldRefuseTwoDatasetVersionsInOneFile() {
    String csv = "id,correct,dataset_version\na,1,v1\nb,0,v2\n";
    assertThatThrownBy(() -> new EvaluationReader().read("candidate", Map.of("c.csv", csv)))
        .hasMessage(
            "c.csv line 3: dataset version 'v2' differs from 'v1' on earlier lines; one file must"
                + " hold one test set");
  }

  @Test
  public void shouldReadAggregateMetricsInTheirCommonShapes() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "metrics.json",
        "{\"datasetVersion\": \"v3\", \"metrics\": {\"accuracy\": 0.9, \"loss\": \"NaN\","
            + " \"latency\": {\"p95_ms\": 120}}}");
    files.put("size.json", "{\"model\": \"resnet\", \"model_size_mb\": 98.5}");
    Evaluation result = new EvaluationReader().read("candidate", files);
    assertThat(result.datasetVersion()).isEqualTo("v3");
    assertThat(result.metrics())
        .containsEntry("accuracy", 0.9)
        .containsEntry("latency.p95_ms", 120.0)
        .containsEntry("model_size_mb", 98.5)
        .containsKey("loss");
    assertThat(result.metrics().get("loss")).isNaN();
    assertThat(result.examples()).isNull();
    assertThat(List.copyOf(result.metrics().keySet()))
        .containsExactly("accuracy", "loss", "latency.p95_ms", "model_size_mb");
  }

  @Test
  public void shouldReadAJsonArrayOfExamples() {
    String json =
        "[{\"example_id\": \"x\", \"correct\": 1}, {\"example_id\": \"y\", \"correct\": 0}]";
    Evaluation result = new EvaluationReader().read("candidate", Map.of("e.json", json));
    assertThat(result.examples().size()).isEqualTo(2);
    assertThat(result.examples().idColumn()).isEqualTo("example_id");
  }

  @Test
  public void shouldRefuseMetricsThatAreNotNumbers() {
    assertThatThrownBy(
            () ->
                new EvaluationReader()
                    .read("candidate", Map.of("m.json", "{\"metrics\": {\"accuracy\": \"high\"}}")))
        .hasMessage("m.json: metric 'accuracy' is not a number: \"high\"");
  }

  @Test
  public void shouldSayWhenAFileIsMissing() {
    assertThatThrownBy(
            () ->
                new EvaluationReader()
                    .read("baseline", List.of(java.nio.file.Path.of("nowhere/base.csv"))))
        .hasMessage("baseline file not found: nowhere/base.csv");
  }

  @Test
  public void shouldNameTheLineOfAnUnclosedQuote() {
    assertThatThrownBy(
            () ->
                new EvaluationReader()
                    .read("candidate", Map.of("c.csv", "id,text\na,\"open\nb,x\n")))
        .hasMessage("c.csv line 2: a quoted field is not closed before the end of file");
  }

  @Test
  public void shouldReadTabSeparatedValuesAndCrLf() {
    String tsv = "id\tcorrect\tsource\r\na\tyes\tweb\r\nb\tno\tapp\r\n";
    Evaluation result = new EvaluationReader().read("candidate", Map.of("r.tsv", tsv));
    assertThat(result.examples().column("correct").number(0)).isEqualTo(1.0);
    assertThat(result.examples().column("source").text(1)).isEqualTo("app");
    assertThat(result.examples().line(1)).isEqualTo(3);
  }
}
