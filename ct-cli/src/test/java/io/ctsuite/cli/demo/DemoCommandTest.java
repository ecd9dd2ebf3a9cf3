package io.ctsuite.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.cli.CtCommand;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.RegistryLocation;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.tracking.store.RunStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The demo end to end, reduced (fewer clips and epochs): real data generation, snapshots, PyTorch
 * training under the tracker, evaluation, gate, dry-run promotion and report, then a second run
 * that continues from the store.
 */
public class DemoCommandTest {
  private static final String[] REDUCED = {"--clips", "300", "--epochs", "6"};

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @BeforeClass
  public static void needsPythonWithTorch() {
    String problem = null;
    try {
      PythonRuntime.locate(System.getenv()).checkPackages();
    } catch (DemoException e) {
      problem = e.getMessage();
    }
    assumeTrue(
        "the demo test needs Python 3 with PyTorch, numpy and PyYAML (bash .ci/setup.sh): "
            + problem,
        problem == null);
    assumeTrue(
        "the demo test checks the dry run; unset GITLAB_URL/GITLAB_TOKEN to run it",
        System.getenv("GITLAB_URL") == null || System.getenv("GITLAB_TOKEN") == null);
  }

  private static final class Outcome {
    int exit;
    String out;
    String err;
  }

  private Outcome demo(Path store) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[3 + REDUCED.length];
    args[0] = "--store";
    args[1] = store.toString();
    args[2] = "demo";
    System.arraycopy(REDUCED, 0, args, 3, REDUCED.length);
    Outcome outcome = new Outcome();
    outcome.exit =
        CtCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    outcome.out = out.toString();
    outcome.err = err.toString();
    return outcome;
  }

  @Test
  public void shouldRunTheWholeCycleAndContinueFromTheStoreOnARerun() throws Exception {
    Path store = temp.newFolder("store").toPath();

    Outcome first = demo(store);

    assertThat(first.exit).as(first.out + first.err).isZero();
    assertThat(first.out)
        .contains("[1/6]", "[2/6]", "[3/6]", "[4/6]", "[5/6]", "[6/6]")
        .contains("Recorded phase-videos v1", "Recorded phase-videos v2")
        .contains("hospital-a 300 · hospital-b 300 · hospital-c 300")
        .contains("Decision: train again. phase-videos has a new source hospital-c since v1")
        .contains("epoch   6/6")
        .contains("system monitor:")
        .contains("Gate verdict: ");
    Path report = store.resolve("demo/report");
    JsonNode gate = Json.mapper().readTree(report.resolve("gate.json").toFile());
    String verdict = gate.path("verdict").asText();
    assertThat(first.out).contains("Gate verdict: " + verdict + ".");
    if (verdict.equals("PASS")) {
      assertThat(first.out)
          .contains("Dry run: GITLAB_URL and GITLAB_TOKEN are not set, so nothing is sent.")
          .contains("POST /projects/ml%2Fdeploy/repository/commits")
          .contains("POST /projects/ml%2Fdeploy/merge_requests")
          .contains("## Model card: phase-recognition");
      assertThat(report.resolve("promotion-requests.json")).isRegularFile();
    } else {
      assertThat(first.out).contains("Nothing to promote: the gate said " + verdict);
      assertThat(report.resolve("promotion-requests.json")).doesNotExist();
    }
    String html = Files.readString(report.resolve("report.html"));
    assertThat(html).contains("<svg", "Validation accuracy by epoch", "Verdict: " + verdict);
    assertThat(report.resolve("report.md")).isRegularFile();
    assertThat(report.resolve("val-acc.svg")).isRegularFile();
    // production is deployed in the demo's copy of the config; a dry run leaves it so
    assertThat(store.resolve("demo/deploy/models.yaml"))
        .content()
        .contains("models/production/model.pt", "sha256: ", "instrument-detection:")
        .doesNotContain("models/candidate/model.pt");

    Outcome second = demo(store);

    assertThat(second.exit).as(second.out + second.err).isZero();
    assertThat(second.out)
        .contains("Continuing from the store: phase-videos has 2 version(s)")
        .contains("Unchanged content, already recorded as phase-videos v2")
        .doesNotContain("Recorded phase-videos v3")
        .doesNotContain("Training the production model");
    try (DatasetRegistry registry = RegistryLocation.directory(store.resolve("datasets")).open()) {
      List<VersionInfo> versions = registry.log(DemoSettings.DATASET);
      assertThat(versions).extracting(VersionInfo::label).containsExactly("v1", "v2");
    }
    // production once, a candidate per run: runs are experiments, each one kept
    assertThat(new RunStore(store.resolve("runs")).ids()).hasSize(3);
  }

  @Test
  public void shouldRefuseSettingsTooSmallToSplit() {
    StringWriter err = new StringWriter();
    int exit =
        CtCommand.commandLine()
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute("--store", temp.getRoot().toString(), "demo", "--clips", "5");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--clips must be at least 20");
  }
}
