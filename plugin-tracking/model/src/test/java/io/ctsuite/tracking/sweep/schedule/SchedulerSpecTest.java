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
  public void shouldReadBracketsAndRungValueWithAllMeaningEveryBracket() {
    SchedulerSpec spec =
        SchedulerSpec.fromMap(
            Map.of(
                "max_t",
                81,
                "grace_period",
                1,
                "reduction_factor",
                3,
                "brackets",
                "all",
                "rung_value",
                "Mean",
                "rung_window",
                5));

    assertThat(spec.brackets()).isEqualTo(5);
    assertThat(spec.rungValue()).isEqualTo("mean");
    assertThat(spec.rungWindow()).isEqualTo(5);
    AshaScheduler asha = (AshaScheduler) spec.create(objective);
    assertThat(asha.bracketCount()).isEqualTo(5);
    assertThat(asha.describe()).contains("5 brackets", "mean of each trial's last 5 reports");
    assertThat(SchedulerSpec.fromMap(Map.of("max_t", 81, "brackets", 2)).brackets()).isEqualTo(2);
  }

  @Test
  public void shouldReadAStoredSweepFromBeforeBracketsAsPlainAsha() throws Exception {
    String old =
        "{\"type\":\"asha\",\"time_attr\":\"step\",\"max_t\":27,\"grace_period\":1,"
            + "\"reduction_factor\":3,\"min_samples\":3}";

    SchedulerSpec spec = Json.mapper().readValue(old, SchedulerSpec.class);

    assertThat(spec).isEqualTo(new SchedulerSpec("asha", "step", 27, 1, 3, 3));
    assertThat(spec.brackets()).isEqualTo(1);
    assertThat(spec.rungValue()).isEqualTo("last");
    assertThat(spec.bracketSelection()).isEqualTo("fixed");
    SchedulerSpec hedged = spec.withBrackets(3, "best", 3).withBracketSelection("adaptive");
    assertThat(
            Json.mapper().readValue(Json.mapper().writeValueAsString(hedged), SchedulerSpec.class))
        .isEqualTo(hedged);
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
    assertBad(
        Map.of("max_t", 81, "grace_period", 1, "reduction_factor", 3, "brackets", 6),
        "brackets: give 1 to 5 (one more than the rungs below max_t 81), got 6");
    assertBad(Map.of("brackets", "some"), "brackets: expected a number, got 'some'");
    assertBad(
        Map.of("rung_value", "median"),
        "rung_value: unknown value 'median'; use last, best or mean");
    assertBad(
        Map.of("brackets", 2, "bracket_selection", "greedy"),
        "bracket_selection: unknown value 'greedy'; use fixed or adaptive");
    assertBad(
        Map.of("bracket_selection", "adaptive"),
        "bracket_selection: adaptive needs at least 2 brackets to choose from (brackets: 1)");
    assertBad(
        Map.of("scheduler", "median", "brackets", 2),
        "brackets: only ASHA has brackets and rung values");
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
