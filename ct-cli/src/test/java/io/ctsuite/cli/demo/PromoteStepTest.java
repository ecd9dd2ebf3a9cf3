package io.ctsuite.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.RegistryLocation;
import io.ctsuite.promotion.gate.EvaluationReader;
import io.ctsuite.promotion.gate.Gate;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.GateSpecParser;
import io.ctsuite.promotion.gate.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Step 5 on its own: the dry run a newcomer sees, and no promotion without a PASS. */
public class PromoteStepTest {
  private static final String SHA = "ab".repeat(32);

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private DatasetRegistry registry;
  private DemoPaths paths;
  private ExampleProject example;
  private String deployed;

  @Before
  public void setUp() throws Exception {
    paths = new DemoPaths(temp.newFolder("store").toPath());
    paths.create();
    example = ExampleProject.locate(null, null, Path.of("."));
    deployed =
        Files.readString(example.deployConfig())
            .replace("uri: \"\"", "uri: \"file:///models/production/model.pt\"");
    Files.writeString(paths.deployConfig(), deployed);
    registry = RegistryLocation.directory(paths.datasets()).open();
  }

  @After
  public void tearDown() {
    registry.close();
  }

  private DemoRun run(DemoSettings settings, GateResult gate) {
    DemoRun run =
        new DemoRun(
            new DemoConsole(new PrintWriter(out, true), 6),
            paths,
            settings,
            example,
            new PythonRuntime("python3"),
            new DemoDataset(registry, paths.data()));
    run.candidate =
        new TrainedModel(
            "candidate",
            "20261121-101010-abcd",
            Path.of("/models/candidate/model.pt"),
            SHA,
            "v2",
            "cd".repeat(32),
            0.88,
            9);
    run.gate = gate;
    return run;
  }

  private static DemoSettings dryRun() {
    return new DemoSettings(100, 3, 7, null, null, null, "deploy/models.yaml");
  }

  /** Per-clip results of two models on one test set: the candidate right more often. */
  private GateResult gate(int candidateWrongEvery, int productionWrongEvery) throws Exception {
    Path candidate = temp.newFile("candidate.jsonl").toPath();
    Path production = temp.newFile("production.jsonl").toPath();
    StringBuilder c = new StringBuilder();
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String source = "hospital-" + "abc".charAt(i % 3);
      c.append(row(i, source, i % candidateWrongEvery != 0));
      p.append(row(i, source, i % productionWrongEvery != 0));
    }
    Files.writeString(candidate, c);
    Files.writeString(production, p);
    EvaluationReader reader = new EvaluationReader();
    return new Gate(GateSpecParser.read(example.gateSpec()))
        .evaluate(
            reader.read("candidate", List.of(candidate)),
            reader.read("production", List.of(production)));
  }

  private static String row(int i, String source, boolean correct) {
    return String.format(
        "{\"id\":\"%s/clip-%05d\",\"source\":\"%s\",\"correct\":%d,\"score\":%s,"
            + "\"dataset_version\":\"v2-id\"}%n",
        source, i, source, correct ? 1 : 0, correct ? "0.9" : "0.2");
  }

  @Test
  public void shouldShowTheRequestsTheConfigChangeAndTheModelCardOfADryRun() throws Exception {
    DemoRun run = run(dryRun(), gate(20, 4));
    assertThat(run.gate.verdict()).isEqualTo(Verdict.PASS);

    new PromoteStep().run(run);

    assertThat(out.toString())
        .contains("Dry run: GITLAB_URL and GITLAB_TOKEN are not set, so nothing is sent.")
        .contains("from ct/promote/models.phase-recognition into main")
        .contains("GET /projects/ml%2Fdeploy/repository/files/deploy%2Fmodels.yaml")
        .contains("POST /projects/ml%2Fdeploy/repository/commits")
        .contains("POST /projects/ml%2Fdeploy/merge_requests")
        .contains("- " + "    uri: \"file:///models/production/model.pt\"")
        .contains("+ " + "    uri: \"file:///models/candidate/model.pt\"")
        .contains("## Model card: phase-recognition `20261121-101010-abcd`")
        .contains("Regression gate: **PASS**");
    assertThat(paths.report().resolve("promotion-requests.json"))
        .content()
        .contains("\"method\" : \"POST\"", "repository/commits", SHA);
    assertThat(paths.report().resolve("model-card.md")).content().isEqualTo(run.modelCard);
    assertThat(paths.deployConfig()).content().isEqualTo(deployed);
  }

  @Test
  public void shouldPromoteNothingWithoutAPass() throws Exception {
    DemoRun run = run(dryRun(), gate(4, 20));
    assertThat(run.gate.verdict()).isEqualTo(Verdict.FAIL);

    new PromoteStep().run(run);

    assertThat(out.toString())
        .contains("Nothing to promote: the gate said FAIL")
        .doesNotContain("POST ");
    assertThat(run.promotion).isNull();
    assertThat(paths.report().resolve("promotion-requests.json")).doesNotExist();
  }

  @Test
  public void shouldAskForTheProjectBeforeOpeningARealMergeRequest() throws Exception {
    DemoSettings real =
        new DemoSettings(100, 3, 7, "https://gitlab.example.com", "secret-token", null, "x.yaml");
    DemoRun run = run(real, gate(20, 4));

    assertThatThrownBy(() -> new PromoteStep().run(run))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("--gitlab-project")
        .hasMessageNotContaining("secret-token");
  }
}
