package io.ctsuite.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.cli.CtCommand;
import io.ctsuite.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class GateCommandTest {
  /** Real evaluation files of an LLM app (see ../shared/fixtures/PROVENANCE.md). */
  private static final Path GROQ =
      Path.of("../../shared/fixtures/predictions/01rahulsingh86__mlflow-groq-eval");

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int ct(String... args) {
    CommandLine cli = CtCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path spec(String yaml) throws Exception {
    Path file = temp.newFile("gate.yaml").toPath();
    Files.writeString(file, yaml);
    return file;
  }

  private int gate(Path spec, String... extra) {
    String[] base = {
      "gate",
      "--candidate",
      GROQ.resolve("runs/with-judge-2/predictions.csv").toString(),
      GROQ.resolve("runs/with-judge-2/judgments.jsonl").toString(),
      "--baseline",
      GROQ.resolve("runs/ci/predictions.csv").toString(),
      "--spec",
      spec.toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return ct(args);
  }

  @Test
  public void shouldPassAndWriteEveryReport() throws Exception {
    Path md = temp.getRoot().toPath().resolve("out/gate.md");
    Path json = temp.getRoot().toPath().resolve("out/gate.json");
    Path png = temp.getRoot().toPath().resolve("out/gate.png");
    int code =
        gate(
            spec(
                "idColumn: prompt\nchecks:\n  - {metric: exact_match, maxRegression: 0.02, floor: 0.5}\n"),
            "--report-md",
            md.toString(),
            "--report-json",
            json.toString(),
            "--chart",
            png.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("Gate PASS: The required check passed.\n")
        .contains("exact_match     0.5556    0.5556     0")
        .contains("Wrote " + md + ", " + json + ", " + png + ".");
    assertThat(Files.readString(md)).startsWith("### \u2705 Regression gate: **PASS**");
    assertThat(Json.mapper().readValue(json.toFile(), Map.class)).containsEntry("verdict", "PASS");
    byte[] header = Files.readAllBytes(png);
    assertThat(header[1]).isEqualTo((byte) 'P');
    assertThat(header[2]).isEqualTo((byte) 'N');
  }

  @Test
  public void shouldExitWithOneWhenInconclusive() throws Exception {
    int code =
        gate(
            spec(
                "idColumn: prompt\nchecks:\n  - metric: contains_reference\n    minImprovement: 0\n"
                    + "    significance: {test: bootstrap, resamples: 2000}\n"));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .startsWith(
            "Gate INCONCLUSIVE: No required check failed, but 1 is inconclusive: contains_reference.")
        .contains(
            "- contains_reference: Improved by 0.05556, not significantly more than the required");
  }

  @Test
  public void shouldExitWithOneOnFailAndPrintJson() throws Exception {
    int code =
        gate(spec("idColumn: prompt\nchecks: [{metric: exact_match, floor: 0.9}]\n"), "--json");
    assertThat(code).isEqualTo(1);
    Map<?, ?> report = Json.mapper().readValue(out.toString(), Map.class);
    assertThat(report.get("verdict")).isEqualTo("FAIL");
    assertThat(report.get("summary")).isEqualTo("1 of 1 required check failed: exact_match.");
  }

  @Test
  public void shouldGiveTheSameReportForTheSameInputs() throws Exception {
    Path spec =
        spec(
            "seed: 3\nidColumn: prompt\nchecks:\n  - {metric: contains_reference, significance: bootstrap}\n");
    gate(spec, "--json");
    String first = out.toString();
    out.getBuffer().setLength(0);
    gate(spec, "--json");
    assertThat(out.toString()).isEqualTo(first);
    out.getBuffer().setLength(0);
    gate(spec, "--json", "--seed", "4");
    assertThat(Json.mapper().readValue(out.toString(), Map.class).get("seed")).isEqualTo(4);
  }

  @Test
  public void shouldNameTheSpecFieldThatIsWrong() throws Exception {
    int code =
        gate(
            spec(
                "checks:\n  - {metric: a, floor: 0}\n  - {metric: b, floor: 0}\n"
                    + "  - {metric: c, significance: {test: bootstrap, alpha: 2}}\n"));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("gate.yaml: checks[2].significance.alpha: must be between 0 and 1 (got 2)");
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  public void shouldRefuseResultsFromDifferentTestSets() throws Exception {
    Path shorter = temp.newFile("ci-shorter.csv").toPath();
    String ci = Files.readString(GROQ.resolve("runs/ci/predictions.csv"));
    Files.writeString(shorter, ci.substring(0, ci.lastIndexOf("Give the ISO 3166-1")));
    int code =
        ct(
            "gate",
            "--candidate",
            GROQ.resolve("runs/with-judge-2/predictions.csv").toString(),
            "--baseline",
            shorter.toString(),
            "--spec",
            spec("idColumn: prompt\nchecks: [{metric: exact_match, floor: 0}]\n").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("ct gate: candidate and baseline were evaluated on different examples")
        .contains("Evaluate both models on the same test set.");
  }

  @Test
  public void shouldSayWhichFileIsMissing() throws Exception {
    int code =
        ct(
            "gate",
            "--candidate",
            "nowhere.csv",
            "--baseline",
            "b.csv",
            "--spec",
            spec("checks: [{metric: a, floor: 0}]").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("ct gate: candidate file not found: nowhere.csv\n");
  }
}
