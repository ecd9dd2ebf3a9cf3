package io.ctsuite.tracking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ctsuite.core.Json;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import java.io.InputStream;
import org.junit.Test;

/** The mean of a metric in run.json: kept when written, unknown in records from before it. */
public class RunJsonMeanTest {
  @Test
  public void shouldKeepTheMeanOfMetricsAndSystemSeries() {
    RunRecorder run = RunRecorder.start("run-1", "resnet", 1_000L);
    run.metric(new MetricPoint("loss", 0, 1_000L, 0.9));
    run.metric(new MetricPoint("loss", 1, 2_000L, 0.5));
    run.systemSink().metric(new MetricPoint("gpu0/util_percent", 0, 1_000L, 30));
    run.systemSink().metric(new MetricPoint("gpu0/util_percent", 1, 2_000L, 70));
    run.finish(RunStatus.FINISHED, 3_000L, 0);

    RunSummary read = RunJson.fromJson(RunJson.toJson(run.summary()), "run.json");

    assertThat(read.metric("loss").mean()).isCloseTo(0.7, within(1e-12));
    assertThat(read.system().get("gpu0/util_percent").mean()).isCloseTo(50.0, within(1e-12));
    assertThat(read).isEqualTo(run.summary());
  }

  @Test
  public void shouldReadARecordWrittenBeforeTheMeanWasKept() throws Exception {
    RunSummary old;
    try (InputStream in = RunJsonMeanTest.class.getResourceAsStream("run-v2-before-mean.json")) {
      old = RunJson.fromJson(Json.mapper().readTree(in), "run-v2-before-mean.json");
    }

    assertThat(old.metric("loss").count()).isEqualTo(3);
    assertThat(old.metric("loss").min()).isEqualTo(0.5);
    assertThat(old.metric("loss").mean()).isNaN();
  }
}
