package io.ctsuite.tracking.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.tracking.query.RunIndex;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunTrendTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static RunSummary run(String id, String family, String build, double loss) {
    RunSummary.Builder b =
        RunSummary.builder(id).family(family).status(RunStatus.FINISHED).startedAt(1000L);
    if (build != null) {
      b.tag("jenkins.build", build);
    }
    return b.metric("val_loss", new MetricSummary(2, loss + 1, loss, loss, loss + 1, 0, 1, 1, 0, 5))
        .build();
  }

  @Test
  public void shouldGiveTheBestValuePerBuildInBuildOrderAndLeaveOutUntaggedRuns() {
    Path root = tmp.getRoot().toPath();
    RunStore store = new RunStore(root);
    store.saveSummary(run("b10-a", "a", "10", 0.5));
    store.saveSummary(run("b10-a-2", "a", "10", 0.3));
    store.saveSummary(run("b2-a", "a", "2", 0.9));
    store.saveSummary(run("b3-b", "b", "3", 0.1));
    store.saveSummary(run("manual", "a", null, 0.01));

    RunTrend all =
        RunTrend.of(
            RunIndex.open(root).view(),
            "val_loss",
            Goal.MIN,
            ValueKind.BEST,
            null,
            "jenkins.build");
    RunTrend onlyA =
        RunTrend.of(
            RunIndex.open(root).view(), "val_loss", Goal.MIN, ValueKind.BEST, "a", "jenkins.build");

    assertThat(all.keys()).containsExactly(2, 3, 10);
    assertThat(all.values()).containsExactly(0.9, 0.1, 0.3);
    assertThat(onlyA.keys()).containsExactly(2, 10);
    assertThat(
            RunTrend.of(RunIndex.open(root).view(), "nope", Goal.MIN, ValueKind.BEST, null, "x")
                .size())
        .isZero();
  }
}
