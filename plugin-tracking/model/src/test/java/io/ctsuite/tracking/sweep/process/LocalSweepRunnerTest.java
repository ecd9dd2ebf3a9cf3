package io.ctsuite.tracking.sweep.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeTrue;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.sweep.SweepController;
import io.ctsuite.tracking.sweep.SweepSpec;
import io.ctsuite.tracking.sweep.SweepStore;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.TrialStatus;
import io.ctsuite.tracking.sweep.schedule.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Runs real trial processes: small POSIX shell scripts that print service messages. */
public class LocalSweepRunnerTest {
  /**
   * A trial whose accuracy after epoch t is q·(1 - e^(-t/3)), printed as a service message; it also
   * prints its environment and arguments so that the test can check what it received.
   */
  private static final String LEARNER =
      """
      #!/bin/sh
      echo "args: $*"
      echo "env: CT_PARAM_Q=$CT_PARAM_Q CT_TRIAL=$CT_TRIAL CT_SWEEP=$CT_SWEEP"
      echo "params: $CT_PARAMS"
      i=1
      while [ $i -le 9 ]; do
        acc=$(awk -v q="$CT_PARAM_Q" -v t=$i 'BEGIN { printf "%.4f", q * (1 - exp(-t / 3)) }')
        echo "epoch $i"
        echo "##ct[metric key='val/acc' value='$acc' step='$i']"
        sleep 0.2
        i=$((i+1))
      done
      """;

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path work;
  private SweepStore store;
  private RunStore runs;
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private final LocalSweepRunner.Listener listener =
      new LocalSweepRunner.Listener() {
        @Override
        public void started(Trial trial, List<String> argv) {
          events.add("started " + trial.number());
        }

        @Override
        public void decided(Decision decision) {
          events.add(decision.explain());
        }

        @Override
        public void ended(Trial trial, Path log) {
          events.add("ended " + trial.number() + " " + trial.status().id());
        }

        @Override
        public void problem(int trial, String message) {
          events.add("problem " + trial + " " + message);
        }
      };

  @Before
  public void setUp() throws Exception {
    work = temp.newFolder("work").toPath();
    store = new SweepStore(temp.newFolder("sweeps").toPath());
    runs = new RunStore(temp.newFolder("runs").toPath());
  }

  private Path script(String name, String text) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static SweepSpec spec(String name, List<?> grid, int parallel, Object... more) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("space", Map.of("q", Map.of("grid", grid)));
    settings.put("parallel", parallel);
    settings.put("metric", "val/acc");
    settings.put("mode", "max");
    settings.put("scheduler", "asha");
    settings.put("max_t", 9);
    settings.put("grace_period", 1);
    settings.put("reduction_factor", 3);
    for (int i = 0; i < more.length; i += 2) {
      settings.put((String) more[i], more[i + 1]);
    }
    return SweepSpec.fromMap(name, settings);
  }

  private LocalSweepRunner runner(SweepController controller, List<String> command) {
    return new LocalSweepRunner(
        controller,
        store,
        runs,
        new LocalSweepRunner.Options(
            command, work, true, Duration.ofMillis(500), Duration.ofMillis(50)),
        listener);
  }

  @Test
  public void shouldStopLosingTrialsAndCompleteTheBestOne() throws Exception {
    Path learner = script("learner.sh", LEARNER);
    SweepController sweep =
        SweepController.start(
            spec("asha", List.of(0.8, 0.2, 0.6, 0.4), 1), System::currentTimeMillis);

    runner(sweep, List.of("sh", learner.toString())).run();

    List<Trial> trials = sweep.trials();
    assertThat(trials)
        .extracting(Trial::status)
        .containsExactly(
            TrialStatus.COMPLETED, TrialStatus.STOPPED, TrialStatus.STOPPED, TrialStatus.STOPPED);
    assertThat(trials.get(0).reason())
        .isEqualTo("completed at step 9: reached max_t 9 with val/acc 0.7602");
    assertThat(trials.get(1).reason())
        .isEqualTo(
            "stopped at step 1: val/acc 0.0567 below rung-1 cutoff 0.2268 (rank 2 of 2; the top 1"
                + " continue, 1/3)");
    assertThat(events).contains("trial 2 " + trials.get(1).reason(), "ended 2 stopped");
    // the stopped trials were killed long before their ninth epoch
    for (int number = 2; number <= 4; number++) {
      String output = Files.readString(store.trialDirectory("asha", number).resolve("output.log"));
      assertThat(output).contains("epoch 1").doesNotContain("epoch 5");
    }
    assertThat(sweep.compute().used()).isEqualTo(9 + 1 + 1 + 1);
    assertThat(sweep.best()).get().extracting(Trial::number).isEqualTo(1);
    assertThat(store.load("asha").orElseThrow().finished()).isTrue();
  }

  @Test
  public void shouldPassParametersAsEnvironmentArgumentsAndPlaceholders() throws Exception {
    Path learner = script("learner.sh", LEARNER);
    SweepController sweep =
        SweepController.start(spec("params", List.of(0.5), 1), System::currentTimeMillis);

    runner(sweep, List.of("sh", learner.toString(), "--quality", "{q}", "--literal={other}")).run();

    String output = Files.readString(store.trialDirectory("params", 1).resolve("output.log"));
    assertThat(output)
        .contains("args: --quality 0.5 --literal={other} --q=0.5")
        .contains("env: CT_PARAM_Q=0.5 CT_TRIAL=1 CT_SWEEP=params")
        .contains("params: {\"q\":0.5}");
  }

  @Test
  public void shouldReadMetricsTheTrialWritesToItsMetricsFile() throws Exception {
    Path writer =
        script(
            "writer.sh",
            """
            #!/bin/sh
            for i in 1 2 3; do
              echo "{\\"key\\": \\"val/acc\\", \\"value\\": 0.$i, \\"step\\": $i}" >> "$CT_METRICS_FILE"
              sleep 0.1
            done
            """);
    SweepController sweep =
        SweepController.start(spec("jsonl", List.of(1), 1), System::currentTimeMillis);

    runner(sweep, List.of("sh", writer.toString())).run();

    Trial trial = sweep.trials().get(0);
    assertThat(trial.status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(trial.reports()).isEqualTo(3);
    assertThat(trial.lastValue()).isEqualTo(0.3);
  }

  @Test
  public void shouldKillATrialThatIgnoresSigterm() throws Exception {
    Path stubborn =
        script(
            "stubborn.sh",
            """
            #!/bin/sh
            trap '' TERM
            q=$CT_PARAM_Q
            echo "##ct[metric key='val/acc' value='$q' step='1']"
            sleep 3
            """);
    SweepController sweep =
        SweepController.start(spec("stubborn", List.of(0.9, 0.1), 1), System::currentTimeMillis);

    runner(sweep, List.of("sh", stubborn.toString())).run();

    assertThat(sweep.trials().get(0).status()).isEqualTo(TrialStatus.COMPLETED);
    Trial second = sweep.trials().get(1);
    assertThat(second.status()).isEqualTo(TrialStatus.STOPPED);
    // 128 + 9: SIGTERM was ignored, SIGKILL after the grace period ended it
    assertThat(second.exitCode()).isEqualTo(137);
  }

  @Test
  public void shouldRecordFailuresAndReportBadServiceMessages() throws Exception {
    Path failing =
        script(
            "failing.sh",
            """
            #!/bin/sh
            echo "##ct[metric key='val/acc' value='oops' step='1']"
            echo "##ct[metric key='val/acc' value='0.3' step='1']"
            exit 3
            """);
    SweepController sweep =
        SweepController.start(spec("failing", List.of(1), 1), System::currentTimeMillis);

    runner(sweep, List.of("sh", failing.toString())).run();

    Trial trial = sweep.trials().get(0);
    assertThat(trial.status()).isEqualTo(TrialStatus.FAILED);
    assertThat(trial.reason()).isEqualTo("failed: exit code 3");
    assertThat(trial.lastValue()).isEqualTo(0.3);
    assertThat(events).anyMatch(e -> e.startsWith("problem 1 trial 1 output:1: "));
  }

  @Test
  public void shouldRefuseACommandThatCannotStart() {
    SweepController sweep =
        SweepController.start(spec("missing", List.of(1, 2), 1), System::currentTimeMillis);

    assertThatThrownBy(() -> runner(sweep, List.of("no-such-command-xyz")).run())
        .isInstanceOf(InputException.class)
        .hasMessage("cannot run the trial command 'no-such-command-xyz': not found on the PATH");
    assertThat(sweep.trials().get(0).status()).isEqualTo(TrialStatus.FAILED);
  }

  @Test
  public void shouldRunEachTrialInItsOwnSessionSoThatCtrlCReachesOnlyTheController()
      throws Exception {
    Path self = Path.of("/proc/self/stat");
    assumeTrue("needs Linux /proc and setsid", Files.exists(self) && TrialProcess.SETSID != null);
    Path session =
        script("session.sh", "#!/bin/sh\necho \"session $(cut -d' ' -f6 /proc/$$/stat)\"\n");
    SweepController sweep =
        SweepController.start(spec("session", List.of(1), 1), System::currentTimeMillis);

    runner(sweep, List.of("sh", session.toString())).run();

    String ours = Files.readString(self).split(" ")[5];
    String output = Files.readString(store.trialDirectory("session", 1).resolve("output.log"));
    assertThat(output).startsWith("session ").doesNotContain("session " + ours + "\n");
    assertThat(sweep.trials().get(0).status()).isEqualTo(TrialStatus.COMPLETED);
  }

  @Test
  public void shouldRecordEachTrialAsATrackedRun() throws Exception {
    Path learner = script("learner.sh", LEARNER);
    SweepController sweep =
        SweepController.start(spec("tracked", List.of(0.8, 0.2), 1), System::currentTimeMillis);

    runner(sweep, List.of("sh", learner.toString())).run();

    RunSummary first = runs.summary("tracked-t1");
    RunSummary second = runs.summary("tracked-t2");
    assertThat(first.family()).isEqualTo("tracked");
    assertThat(first.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(first.params()).containsEntry("q", 0.8);
    assertThat(first.tags()).containsEntry("sweep.outcome", "completed");
    assertThat(second.status()).isEqualTo(RunStatus.KILLED);
    assertThat(runs.metrics("tracked-t1").asMap().get("val/acc").size()).isEqualTo(9);
  }

  @Test
  public void shouldLeaveAbortedTrialsToBeRunAgainWhenTheSweepResumes() throws Exception {
    Path learner = script("learner.sh", LEARNER);
    SweepController sweep =
        SweepController.start(spec("resume", List.of(0.8, 0.2, 0.6), 2), System::currentTimeMillis);
    LocalSweepRunner first = runner(sweep, List.of("sh", learner.toString()));
    Thread thread =
        new Thread(
            () -> {
              try {
                first.run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    thread.start();
    while (events.stream().noneMatch(e -> e.startsWith("trial 1 passed rung-3"))) {
      Thread.sleep(20);
    }
    first.abort();
    assertThat(first.awaitDone(Duration.ofSeconds(10))).isTrue();
    thread.join();
    assertThat(store.load("resume").orElseThrow().trials())
        .extracting(Trial::status)
        .contains(TrialStatus.RUNNING);

    SweepController resumed =
        SweepController.resume(store.load("resume").orElseThrow(), System::currentTimeMillis);
    runner(resumed, List.of("sh", learner.toString())).run();

    assertThat(resumed.trials()).hasSize(3);
    assertThat(resumed.trials()).allSatisfy(t -> assertThat(t.status().ended()).isTrue());
    assertThat(resumed.trials().get(0).attempts()).isEqualTo(2);
    assertThat(resumed.trials().get(0).status()).isEqualTo(TrialStatus.COMPLETED);
  }
}
