package io.ctsuite.tracking.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.ctsuite.tracking.run.MetricPoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class JsonLinesReaderTest {
  private final RecordingSink sink = new RecordingSink();
  private final JsonLinesReader reader = new JsonLinesReader("metrics.jsonl", sink).clock(() -> 7L);

  private void read(String text) throws Exception {
    reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void shouldReadMetricsParamsAndTags() throws Exception {
    read(
        """
        {"params":{"lr":0.01,"epochs":30,"optimizer":{"name":"adam","betas":[0.9,0.999]}}}
        {"tags":{"arch":"resnet50","nightly":true}}
        {"key":"loss","value":0.31,"step":120,"ts":1716735746.25}
        {"key":"loss","value":"NaN","step":121,"ts":1716735747000}
        {"step":5,"metrics":{"val/acc":0.9,"val/loss":Infinity},"time":"2024-05-26T15:02:26Z"}
        {"artifact":"out/model.pt","role":"model"}
        """);

    assertThat(sink.problems).isEmpty();
    assertThat(sink.params)
        .containsEntry("lr", 0.01)
        .containsEntry("epochs", 30L)
        .containsEntry("optimizer.name", "adam")
        .containsEntry("optimizer.betas", "[0.9, 0.999]");
    assertThat(sink.tags).containsEntry("arch", "resnet50").containsEntry("nightly", "true");
    assertThat(sink.metrics)
        .containsExactly(
            new MetricPoint("loss", 120, 1716735746250L, 0.31),
            new MetricPoint("loss", 121, 1716735747000L, Double.NaN),
            new MetricPoint("val/acc", 5, 1716735746000L, 0.9),
            new MetricPoint("val/loss", 5, 1716735746000L, Double.POSITIVE_INFINITY));
    assertThat(sink.artifacts).containsExactly("out/model.pt (model)");
  }

  @Test
  public void shouldNumberStepsAndStampTimesWhenMissing() throws Exception {
    read("{\"key\":\"loss\",\"value\":1}\n{\"key\":\"loss\",\"value\":2}\n");

    assertThat(sink.metrics)
        .extracting(MetricPoint::step, MetricPoint::wallTime)
        .containsExactly(tuple(0L, 7L), tuple(1L, 7L));
  }

  @Test
  public void shouldReportBadLinesWithTheirNumbersAndKeepTheRest() throws Exception {
    read(
        """
        {"key":"loss","value":0.5,"step":1}

        {"key":"loss","value":0.4,"step":2
        not json at all
        [1,2,3]
        {"key":"loss","value":null,"step":3}
        {"key":"loss","value":0.3,"step":"x"}
        {"value":0.3}
        {"epoch":3}
        {"metrics":{"acc":"high"}}
        {"key":"loss","value":0.2,"step":4} trailing
        {"key":"loss","value":0.1,"step":5}""");

    assertThat(sink.metrics)
        .extracting(MetricPoint::step, MetricPoint::value)
        .containsExactly(tuple(1L, 0.5), tuple(5L, 0.1));
    assertThat(sink.problems)
        .extracting(CaptureProblem::line)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    assertThat(sink.problemTexts().get(0))
        .startsWith("metrics.jsonl:3: column ")
        .contains("not valid JSON");
    assertThat(sink.problemTexts())
        .contains(
            "metrics.jsonl:5: expected a JSON object {...}",
            "metrics.jsonl:6: \"value\" must be a number, found null",
            "metrics.jsonl:7: \"step\" must be a whole number, found \"x\"",
            "metrics.jsonl:8: \"value\" without \"key\"",
            "metrics.jsonl:9: expected \"key\" and \"value\", \"metrics\", \"params\", \"tags\" or"
                + " \"artifact\"",
            "metrics.jsonl:10: \"metrics\": 'acc' is not a number: high");
    assertThat(reader.lines()).isEqualTo(12);
  }

  @Test
  public void shouldReadNothingFromAnEmptyStream() throws Exception {
    read("");
    assertThat(sink.metrics).isEmpty();
    assertThat(sink.problems).isEmpty();
    assertThat(reader.lines()).isZero();
  }

  @Test
  public void shouldKeepHugeValues() throws Exception {
    read("{\"key\":\"big\",\"value\":1e308,\"step\":9223372036854775807}\n");
    assertThat(sink.metrics).containsExactly(new MetricPoint("big", Long.MAX_VALUE, 7L, 1e308));
  }

  @Test
  public void shouldReadEverySpellingOfTheCommonLineAlike() throws Exception {
    read(
        """
        {"key":"a","value":1.5e-3,"step":-2,"ts":1716735746.25}
         { "step" : 3 , "value" : -0.0 , "key" : "ü/β" }
        {"key":"a\u00e9","value":2,"step":4}
        {"key":"a","value":"Infinity","step":5,"time":"2024-05-26T15:02:26Z"}
        {"key":"a","value":7,"step":6,"ts":1716735746.25,"note":"extra members are fine"}
        {"key":"a","value":1,"step":7.0}
        """);

    assertThat(sink.problems).isEmpty();
    assertThat(sink.metrics)
        .containsExactly(
            new MetricPoint("a", -2, 1716735746250L, 0.0015),
            new MetricPoint("ü/β", 3, 7L, -0.0),
            new MetricPoint("aé", 4, 7L, 2),
            new MetricPoint("a", 5, 1716735746000L, Double.POSITIVE_INFINITY),
            new MetricPoint("a", 6, 1716735746250L, 7),
            new MetricPoint("a", 7, 7L, 1));
  }

  @Test
  public void shouldRejectWhatStrictJsonRejectsWhicheverWayItIsRead() throws Exception {
    read(
        """
        {"key":"a","value":01,"step":1}
        {"key":"a","value":+1,"step":1}
        {"key":"a","value":1,"step":1,}
        {"key":"a","value":1,"step":1}}
        {"key":"a","key":"b","value":1}
        """);

    assertThat(sink.problems).extracting(CaptureProblem::line).containsExactly(1L, 2L, 3L, 4L);
    // duplicate members: the JSON parser's rule (the last one wins) applies
    assertThat(sink.metrics).extracting(MetricPoint::key).containsExactly("b");
  }
}
