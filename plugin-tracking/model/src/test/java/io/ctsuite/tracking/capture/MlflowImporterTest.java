package io.ctsuite.tracking.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Expectations read off the fixture files themselves (meta.yaml, metric lines). */
public class MlflowImporterTest {
  static final Path MLFLOW = Path.of("../../../shared/fixtures/mlflow");

  @Rule public TemporaryFolder temp = new TemporaryFolder();
  private final RecordingSink problems = new RecordingSink();

  @Test
  public void shouldImportAStoreRootWithItsExperimentAndRun() throws Exception {
    List<RunRecorder> runs =
        MlflowImporter.importRuns(MLFLOW.resolve("16aryan__MLFlow/mlruns"), problems);

    assertThat(runs).hasSize(1);
    RunSummary run = runs.get(0).summary();
    assertThat(run.id()).isEqualTo("0d8653353e3e43beb89442a8bca1a94d");
    assertThat(run.family()).isEqualTo("Default");
    assertThat(run.name()).isEqualTo("wise-roo-476");
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.startedAt()).isEqualTo(1748257990910L);
    assertThat(run.endedAt()).isEqualTo(1748257992525L);
    assertThat(run.params()).containsEntry("alpha", 0.1).containsKey("l1_ratio");
    assertThat(run.metrics()).containsOnlyKeys("mae", "r2", "rmse");
    assertThat(run.metric("mae").last()).isEqualTo(0.5627373693033669);
    assertThat(run.metric("mae").lastStep()).isZero();
    assertThat(run.tags()).containsEntry("mlflow.user", "aryan");
    assertThat(run.artifacts())
        .anySatisfy(
            a -> {
              assertThat(a.path()).isEqualTo("artifacts/model/MLmodel");
              assertThat(a.role()).isEqualTo("model");
              assertThat(a.size()).isEqualTo(1557);
              assertThat(a.sha256()).hasSize(64);
            });
    assertThat(problems.problems).isEmpty();
  }

  @Test
  public void shouldImportAFailedRunWithDottedMetricsAndItsGitCommit() throws Exception {
    Path experiment = MLFLOW.resolve("1234525344__stock-quant/mlruns/259453113964109221");
    String commit =
        Files.readString(
                experiment.resolve(
                    "d3003d7e5a73449ca34d1ba7139c2160/tags/mlflow.source.git.commit"))
            .trim();

    RunRecorder recorder = MlflowImporter.importRuns(experiment, problems).get(0);

    RunSummary run = recorder.summary();
    assertThat(run.family()).isEqualTo("qlib_baseline_v2");
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.name()).isEqualTo("mlflow_recorder");
    assertThat(run.references().gitCommit()).isEqualTo(commit).hasSize(40);
    assertThat(run.params()).containsEntry("cmd-sys.argv", "qlib_baseline.py");
    MetricSeries valid = recorder.metrics().get("l2.valid");
    assertThat(valid.size()).isEqualTo(300);
    assertThat(valid.step(299)).isEqualTo(299);
    assertThat(valid.value(299)).isEqualTo(0.9833131288491375);
    assertThat(run.metric("l2.train").count()).isEqualTo(300);
  }

  @Test
  public void shouldImportARunDirectoryOfAnMlflow3StoreAndIgnoreLoggedModels() throws Exception {
    Path experiment =
        MLFLOW.resolve("0kr0__MLOps-assignment1/code/models/mlruns/711145645857372919");

    List<RunRecorder> fromExperiment = MlflowImporter.importRuns(experiment, problems);
    List<RunRecorder> fromRun =
        MlflowImporter.importRuns(experiment.resolve("2c8ca6db03ec448983eb7a3db708a3d9"), problems);

    assertThat(fromExperiment).hasSize(1);
    RunSummary run = fromRun.get(0).summary();
    assertThat(run.family()).isEqualTo("wine_quality");
    assertThat(run.name()).isEqualTo("bright-jay-719");
    // the file repeats its one line: both are kept, as MLflow's history would show them
    assertThat(run.metric("accuracy").count()).isEqualTo(2);
    assertThat(run.metric("accuracy").last()).isEqualTo(0.659375);
  }

  @Test
  public void shouldReadNestedMetricKeysAndReportBadLines() throws Exception {
    Path run = temp.newFolder("mlruns", "5", "abc").toPath();
    Files.writeString(run.getParent().resolve("meta.yaml"), "experiment_id: '5'\nname: nested\n");
    Files.writeString(run.resolve("meta.yaml"), "run_id: abc\nstatus: 1\nstart_time: 10\n");
    Files.createDirectories(run.resolve("metrics/val"));
    Files.writeString(
        run.resolve("metrics/val/loss"), "100 0.5 0\n101 oops 1\n102 0.25\n\n103 NaN 7\n");

    RunRecorder recorder =
        MlflowImporter.importRuns(temp.getRoot().toPath().resolve("mlruns"), problems).get(0);

    MetricSeries loss = recorder.metrics().get("val/loss");
    assertThat(loss.steps()).containsExactly(0, 1, 7);
    assertThat(loss.value(1)).isEqualTo(0.25);
    assertThat(recorder.summary().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(problems.problemTexts())
        .singleElement()
        .asString()
        .endsWith("val/loss:2: expected 'timestamp value [step]', found '101 oops 1'");
  }

  @Test
  public void shouldRefuseADirectoryThatIsNoMlflowStore() throws Exception {
    Path dir = temp.newFolder("not-mlflow").toPath();
    Files.writeString(dir.resolve("notes.txt"), "hello");

    assertThatThrownBy(() -> MlflowImporter.importRuns(dir, problems))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not an MLflow file store");
    assertThat(MlflowImporter.looksLike(dir)).isFalse();
  }
}
