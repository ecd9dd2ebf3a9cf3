package io.ctsuite.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunIndexTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();
  private RunStore store;
  private Path runs;

  @Before
  public void setUp() throws Exception {
    runs = temp.newFolder("runs").toPath();
    store = new RunStore(runs);
    // family "resnet": accuracy curves ending at different values; lr and arch vary
    save("r1", "resnet", 0.01, "resnet50", 0.50, 0.80, 0.79);
    save("r2", "resnet", 0.10, "resnet50", 0.40, 0.70, 0.90);
    save("r3", "resnet", 0.03, "resnet18", 0.60, 0.95, 0.85);
    save("r4", "resnet", 0.02, "resnet50", 0.30, Double.NaN, Double.NaN);
    save("v1", "vit", 0.001, "vit-b", 0.70, 0.91, 0.92);
    store.saveSummary(io.ctsuite.tracking.run.RunSummary.builder("empty").family("resnet").build());
  }

  private void save(String id, String family, double lr, String arch, double... acc) {
    RunRecorder run = RunRecorder.start(id, family, 1000);
    run.param("lr", lr);
    run.tag("arch", arch);
    for (int step = 0; step < acc.length; step++) {
      run.metric(new MetricPoint("val/acc", step, 1000 + step, acc[step]));
      run.metric(new MetricPoint("loss", step, 1000 + step, 1.0 / (step + 1)));
    }
    run.finish(RunStatus.FINISHED, 2000L, 0);
    store.save(run.summary(), run.metrics(), run.system());
  }

  private static List<String> ids(Leaderboard.Page page) {
    return page.rows().stream().map(Leaderboard.Row::runId).toList();
  }

  @Test
  public void shouldRankAFamilyByBestOrLastValue() {
    IndexView view = RunIndex.open(runs).view();

    Leaderboard.Page best =
        Leaderboard.rank(
            view,
            new Leaderboard.Query("resnet", "val/acc", Goal.MAX, ValueKind.BEST, null, 0, 10));
    Leaderboard.Page last =
        Leaderboard.rank(
            view,
            new Leaderboard.Query("resnet", "val/acc", Goal.MAX, ValueKind.LAST, null, 0, 10));

    assertThat(ids(best)).containsExactly("r3", "r2", "r1", "r4");
    assertThat(best.rows().get(0).value()).isEqualTo(0.95);
    assertThat(best.rows().get(0).step()).isEqualTo(1);
    assertThat(ids(last)).containsExactly("r2", "r3", "r1", "r4"); // r4 diverged: NaN ranks last
    assertThat(last.rows().get(3).value()).isNaN();
    assertThat(best.total()).isEqualTo(4);
    assertThat(best.withoutMetric()).isEqualTo(1); // "empty"
  }

  @Test
  public void shouldFilterWithAnExpressionAndPage() {
    IndexView view = RunIndex.open(runs).view();

    Leaderboard.Page filtered =
        Leaderboard.rank(
            view,
            new Leaderboard.Query(
                "resnet",
                "val/acc",
                Goal.MAX,
                ValueKind.LAST,
                "lr < 0.05 and tags.arch == 'resnet50'",
                0,
                10));
    Leaderboard.Page page2 =
        Leaderboard.rank(
            view, new Leaderboard.Query(null, "loss", Goal.MIN, ValueKind.LAST, null, 2, 2));

    assertThat(ids(filtered)).containsExactly("r1", "r4");
    assertThat(page2.rows()).extracting(Leaderboard.Row::rank).containsExactly(3, 4);
    assertThat(page2.total()).isEqualTo(5);
  }

  @Test
  public void shouldFilterOnMetricsAndRunFields() {
    IndexView view = RunIndex.open(runs).view();

    Leaderboard.Page page =
        Leaderboard.rank(
            view,
            new Leaderboard.Query(
                null,
                "val/acc",
                Goal.MAX,
                ValueKind.LAST,
                "`metrics.val/acc.max` > 0.9 and status == 'FINISHED'",
                0,
                10));

    assertThat(ids(page)).containsExactly("v1", "r3");
  }

  @Test
  public void shouldExplainABadFilter() {
    IndexView view = RunIndex.open(runs).view();
    assertThatThrownBy(
            () ->
                Leaderboard.rank(
                    view,
                    new Leaderboard.Query(
                        null, "val/acc", Goal.MAX, ValueKind.LAST, "lr <", 0, 10)))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("filter 'lr <': ");
  }

  @Test
  public void shouldSearchByRangeAcrossFamilies() {
    IndexView view = RunIndex.open(runs).view();

    Leaderboard.Page found =
        RunSearch.search(view, "val/acc", 0.85, 0.92, ValueKind.LAST, Goal.MAX, null, null, 100);

    assertThat(ids(found)).containsExactly("v1", "r2", "r3");
    assertThatThrownBy(
            () -> RunSearch.search(view, "val/acc", 1, 0, ValueKind.LAST, Goal.MAX, null, null, 5))
        .isInstanceOf(InputException.class);
  }

  @Test
  public void shouldKeepItsIndexOnDiskAndNoticeChangedAddedAndDeletedRuns() throws Exception {
    RunIndex first = RunIndex.open(runs);
    assertThat(first.lastRefresh().added()).isEqualTo(6);
    assertThat(Files.exists(runs.resolve(".index/runs.idx"))).isTrue();

    RunIndex again = RunIndex.open(runs);
    assertThat(again.lastRefresh().changedAnything()).isFalse();
    assertThat(again.view().size()).isEqualTo(6);
    assertThat(
            again.view().metric("val/acc").value(again.view().rowOf("r3"), ValueKind.MAX, Goal.MAX))
        .isEqualTo(0.95);

    save("r1", "resnet", 0.01, "resnet50", 0.99); // rewritten: a new best
    store.delete("r2");
    save("r5", "resnet", 0.2, "resnet50", 0.1);
    RunIndex.Refresh refresh = again.refresh();

    assertThat(refresh.changed()).isEqualTo(1);
    assertThat(refresh.removed()).isEqualTo(1);
    assertThat(refresh.added()).isEqualTo(1);
    Leaderboard.Page page =
        Leaderboard.rank(
            again.view(),
            new Leaderboard.Query("resnet", "val/acc", Goal.MAX, ValueKind.BEST, null, 0, 10));
    assertThat(ids(page)).containsExactly("r1", "r3", "r4", "r5");
  }

  @Test
  public void shouldLeaveOutADamagedRunWithAWarning() throws Exception {
    Files.writeString(store.dir("r3").resolve("run.json"), "{ broken");

    RunIndex index = RunIndex.open(runs);

    assertThat(index.view().rowOf("r3")).isEqualTo(-1);
    assertThat(index.lastRefresh().warnings()).singleElement().asString().startsWith("r3: ");
  }

  @Test
  public void shouldRebuildADamagedIndexFile() throws Exception {
    RunIndex.open(runs);
    Files.writeString(runs.resolve(".index/runs.idx"), "garbage");

    RunIndex index = RunIndex.open(runs);

    assertThat(index.view().size()).isEqualTo(6);
  }

  @Test
  public void shouldCompareRunsShowingOnlyDifferingParams() {
    RunComparison comparison =
        RunComparison.of(
            List.of(store.summary("r1"), store.summary("r2"), store.summary("r4")), ValueKind.LAST);

    assertThat(comparison.differingParams())
        .containsExactly(new RunComparison.ParamDiff("lr", List.of(0.01, 0.10, 0.02)));
    assertThat(comparison.sameParams()).isZero();
    RunComparison.MetricDiff acc =
        comparison.metrics().stream()
            .filter(m -> m.key().equals("val/acc"))
            .findFirst()
            .orElseThrow();
    assertThat(acc.values().subList(0, 2)).containsExactly(0.79, 0.90);
    assertThat(acc.deltas().get(1)).isCloseTo(0.11, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(acc.goal()).isEqualTo(Goal.MAX);
    assertThat(acc.best()).isEqualTo(1);
    assertThat(RunComparison.guessGoal("val/loss")).isEqualTo(Goal.MIN);
  }

  @Test
  public void shouldAlignCurvesByStep() {
    MetricSeries a =
        new MetricSeries("x", new long[] {0, 2, 4}, new long[3], new double[] {1, 2, 3});
    MetricSeries b = new MetricSeries("x", new long[] {1, 2}, new long[2], new double[] {5, 6});

    RunComparison.Curves curves = RunComparison.align("x", java.util.Arrays.asList(a, b, null));

    assertThat(curves.steps()).containsExactly(0, 1, 2, 4);
    assertThat(curves.values()[0]).containsExactly(1, Double.NaN, 2, 3);
    assertThat(curves.values()[1]).containsExactly(Double.NaN, 5, 6, Double.NaN);
    assertThat(curves.values()[2]).containsOnly(Double.NaN);
  }
}
