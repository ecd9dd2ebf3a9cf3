package io.ctsuite.tracking.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.ctsuite.tracking.run.MetricPoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class CsvMetricsReaderTest {
  private final RecordingSink sink = new RecordingSink();
  private final CsvMetricsReader reader = new CsvMetricsReader("metrics.csv", sink).clock(() -> 5L);

  private void read(String text) throws Exception {
    reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void shouldReadALightningStyleSparseCsv() throws Exception {
    read(
        """
        epoch,step,train_loss,val_loss
        0,49,2.05,
        0,99,1.50,
        0,99,,0.36
        1,149,1.20,
        """);

    assertThat(sink.metrics)
        .extracting(MetricPoint::key, MetricPoint::step, MetricPoint::value)
        .containsExactly(
            tuple("epoch", 49L, 0.0),
            tuple("train_loss", 49L, 2.05),
            tuple("epoch", 99L, 0.0),
            tuple("train_loss", 99L, 1.5),
            tuple("epoch", 99L, 0.0),
            tuple("val_loss", 99L, 0.36),
            tuple("epoch", 149L, 1.0),
            tuple("train_loss", 149L, 1.2));
  }

  @Test
  public void shouldNumberRowsWithoutAStepColumnAndReadTimesAndQuotes() throws Exception {
    read("\"val, acc\",time\n0.5,1716735746\n\"0.75\",1716735747.5\n");

    assertThat(sink.metrics)
        .containsExactly(
            new MetricPoint("val, acc", 0, 1716735746000L, 0.5),
            new MetricPoint("val, acc", 1, 1716735747500L, 0.75));
  }

  @Test
  public void shouldReportBadCellsAndRowsWithLineNumbers() throws Exception {
    read("step,loss,acc\n1,0.5,high\n2.5,0.4,0.1\n3,0.3,0.2,9\n4,inf,0.3\n");

    assertThat(sink.problemTexts())
        .containsExactly(
            "metrics.csv:2: column 'acc': 'high' is not a number",
            "metrics.csv:3: column 'step': '2.5' is no step; row skipped",
            "metrics.csv:4: row has 4 cells, the header 3; skipped");
    assertThat(sink.metrics)
        .extracting(MetricPoint::key, MetricPoint::step)
        .containsExactly(tuple("loss", 1L), tuple("loss", 4L), tuple("acc", 4L));
    assertThat(sink.metrics.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  public void shouldReadNothingFromAnEmptyFile() throws Exception {
    read("");
    assertThat(sink.metrics).isEmpty();
    assertThat(sink.problems).isEmpty();
  }
}
