package io.ctsuite.tracking.sweep.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.util.Map;
import org.junit.Test;

public class SchedulerSpecTest {
  private final Objective objective = new Objective("val/acc", Mode.MAX);

  @Test
  public void shouldDefaultToAshaWithRayTunesSettings() {
    SchedulerSpec spec = SchedulerSpec.fromMap(Map.of());

    assertThat(spec).isEqualTo(new SchedulerSpec("asha", "step", 100, 1, 4, 3));
    assertThat(spec.create(objective).describe()).startsWith("ASHA: rungs at step 1, 4, 16, 64;");
  }

  @Test
  public void shouldReadTheSettingsOfAJenkinsfile() {
    SchedulerSpec spec =
        SchedulerSpec.fromMap(
            Map.of(
                "scheduler",
                "median",
                "time_attr",
                "epoch",
                "grace_period",
                3,
                "min_samples",
                "5"));

    assertThat(spec.type()).isEqualTo("median");
    assertThat(spec.maxT()).isInfinite();
    assertThat(spec.create(objective)).isInstanceOf(MedianStoppingScheduler.class);
    assertThat(spec.create(objective).describe()).contains("after epoch 3", "at least 5 others");
  }

  @Test
  public void shouldRoundTripThroughJsonWithAnInfiniteBudget() throws Exception {
    SchedulerSpec fifo = SchedulerSpec.fifo(Double.POSITIVE_INFINITY);

    String json = Json.mapper().writeValueAsString(fifo);

    assertThat(json).contains("\"max_t\" : \"Infinity\"", "\"time_attr\" : \"step\"");
    assertThat(Json.mapper().readValue(json, SchedulerSpec.class)).isEqualTo(fifo);
  }

  @Test
  public void shouldNameTheBadSetting() {
    assertBad(
        Map.of("scheduler", "hyperband"),
        "scheduler: unknown scheduler 'hyperband'; use asha, median or fifo");
    assertBad(Map.of("reduction_factor", 1), "reduction_factor: must be at least 2, got 1");
    assertBad(
        Map.of("max_t", 10, "grace_period", 10), "grace_period: must be below max_t (10), got 10");
    assertBad(Map.of("max_t", "lots"), "max_t: expected a number, got 'lots'");
    assertBad(Map.of("reduction_factor", 2.5), "reduction_factor: expected an integer, got 2.5");
    assertBad(Map.of("grace_period", 0), "grace_period: must be a number above 0, got 0");
    assertBad(
        Map.of("scheduler", "median", "min_samples", 0), "min_samples: must be at least 1, got 0");
  }

  private static void assertBad(Map<String, ?> settings, String message) {
    assertThatThrownBy(() -> SchedulerSpec.fromMap(settings))
        .isInstanceOf(InputException.class)
        .hasMessage(message);
  }
}
