package io.ctsuite.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.cli.CtCommand;
import io.ctsuite.core.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class DatasetCommandTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path store;
  private Path data;
  private StringWriter out;
  private StringWriter err;

  @Before
  public void tree() throws IOException {
    store = temp.newFolder("store").toPath();
    data = temp.newFolder("data").toPath();
    for (int i = 0; i < 4; i++) {
      write("hospital-a/bleeding/clip-" + i + ".mp4", "a" + i);
    }
    write("hospital-a/normal/clip-9.mp4", "normal");
    write("hospital-b/haemorrhage/clip-5.mp4", "b5");
    write("hospital-b/Bleeding/clip-6.mp4", "b6");
  }

  private void write(String path, String content) throws IOException {
    Path file = data.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    // settled files: the stat cache trusts files older than its racy window
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 600_000));
  }

  private int ct(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = CtCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--store";
    all[1] = store.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return cli.execute(all);
  }

  private JsonNode json(String... args) throws IOException {
    assertThat(ct(args)).as(err.toString()).isZero();
    return Json.mapper().readTree(out.toString());
  }

  private void snapshot() {
    assertThat(
            ct(
                "dataset",
                "snapshot",
                "videos",
                data.toString(),
                "--pattern",
                "{source}/{label}/*",
                "-q"))
        .as(err.toString())
        .isZero();
  }

  @Test
  public void shouldRecordVersionsAndListThem() throws IOException {
    snapshot();
    assertThat(out.toString())
        .startsWith("Recorded videos v1 (")
        .contains("7 files")
        .contains("the first version");

    snapshot();
    assertThat(out.toString())
        .contains("videos is unchanged: same content as v1")
        .contains("Hashed 0 files");

    write("hospital-c/bleeding/clip-7.mp4", "c7");
    snapshot();
    assertThat(out.toString()).contains("Recorded videos v2").contains("1 added, 0 removed");

    assertThat(ct("dataset", "log", "videos")).isZero();
    assertThat(out.toString())
        .contains("VERSION")
        .contains("v2")
        .contains("v1")
        .contains(data.toString());
    JsonNode log = json("dataset", "log", "videos", "--json");
    assertThat(log).hasSize(2);
    assertThat(log.get(0).get("seq").asInt()).isEqualTo(2);
    assertThat(log.get(0).get("files").asInt()).isEqualTo(8);
  }

  @Test
  public void shouldDiffTwoVersionsPerSourceAndLabel() throws IOException {
    snapshot();
    write("hospital-c/bleeding/clip-7.mp4", "c7");
    Files.move(
        data.resolve("hospital-a/normal/clip-9.mp4"),
        data.resolve("hospital-a/normal/clip-10.mp4"));
    snapshot();

    assertThat(ct("dataset", "diff", "videos", "v1", "v2")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("videos v1 → v2: 7 → 8 files")
        .contains("+1 added")
        .contains("1 renamed")
        .contains("new sources: hospital-c")
        .contains("R hospital-a/normal/clip-9.mp4 → hospital-a/normal/clip-10.mp4");
    JsonNode diff = json("dataset", "diff", "videos", "--json");
    assertThat(diff.at("/change/added").asInt()).isEqualTo(1);
    assertThat(diff.at("/change/bySource/hospital-c/filesAfter").asInt()).isEqualTo(1);
  }

  @Test
  public void shouldShowStatsWithAliasesAndLookAlikes() throws IOException {
    snapshot();

    assertThat(ct("dataset", "stats", "videos")).isZero();
    assertThat(out.toString())
        .contains("Labels that look alike but are not mapped")
        .contains("Bleeding (1) and bleeding (4): differ only in case");

    assertThat(
            ct(
                "dataset",
                "alias",
                "videos",
                "--add",
                "haemorrhage=bleeding",
                "--add",
                "Bleeding=bleeding"))
        .isZero();
    JsonNode stats = json("dataset", "stats", "videos", "--json");
    assertThat(stats.at("/stats/byLabel/bleeding/files").asInt()).isEqualTo(6);
    assertThat(stats.at("/stats/lookAlikes")).isEmpty();
  }

  @Test
  public void shouldQueryAndSaveAReproducibleView() throws IOException {
    snapshot();

    assertThat(
            ct(
                "dataset",
                "query",
                "videos",
                "source == 'hospital-a' and label == 'bleeding'",
                "--save",
                "a-bleeding"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("Saved a-bleeding v1").contains("4 of 7 files");

    JsonNode log = json("dataset", "log", "a-bleeding", "--json");
    assertThat(log.get(0).get("kind").asText()).isEqualTo("query");
    assertThat(log.get(0).at("/derivation/expression").asText())
        .isEqualTo("source == 'hospital-a' and label == 'bleeding'");

    assertThat(
            ct(
                "dataset",
                "query",
                "videos",
                "source == 'hospital-a' and label == 'bleeding'",
                "--save",
                "a-bleeding"))
        .isZero();
    assertThat(out.toString()).contains("Unchanged: a-bleeding v1");
  }

  @Test
  public void shouldMixAndBalanceDeterministically() throws IOException {
    snapshot();
    assertThat(
            ct(
                "dataset",
                "query",
                "videos",
                "source == 'hospital-b'",
                "--save",
                "b-only",
                "--list",
                "0"))
        .isZero();

    assertThat(ct("dataset", "mix", "train", "videos@v1=0.5", "b-only=0.5", "--seed", "3"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("Saved train v1")
        .contains("2 files from videos")
        .contains("2 files from b-only");

    assertThat(
            ct(
                "dataset",
                "balance",
                "videos",
                "--cap",
                "1",
                "--alias",
                "haemorrhage=bleeding",
                "--alias",
                "Bleeding=bleeding",
                "--save",
                "capped"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("Saved capped v1").contains("2 of 7 files");
  }

  @Test
  public void shouldMaterializeAVersionAndUpdateItInPlace() throws IOException {
    snapshot();
    Path work = temp.getRoot().toPath().resolve("work");

    assertThat(ct("dataset", "materialize", "videos", "latest", work.toString(), "-q"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("videos v1 is in").contains("7 linked");
    assertThat(work.resolve("hospital-a/bleeding/clip-0.mp4")).hasContent("a0");

    Files.delete(data.resolve("hospital-a/bleeding/clip-0.mp4"));
    snapshot();
    assertThat(ct("dataset", "materialize", "videos", "v2", work.toString(), "-q", "--verify"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("6 in place").contains("1 removed").contains("6 verified");
    assertThat(work.resolve("hospital-a/bleeding/clip-0.mp4")).doesNotExist();
  }

  @Test
  public void shouldCheckAPolicyWithExitCodes() throws IOException {
    snapshot();
    for (int i = 0; i < 8; i++) {
      write("hospital-c/bleeding/new-" + i + ".mp4", "new " + i);
    }
    snapshot();

    assertThat(
            ct("dataset", "check", "videos", "--since", "v1", "--policy", "growth>=2, new-source"))
        .isZero();
    assertThat(out.toString().trim())
        .isEqualTo("videos grew 2.14× since v1: +8 files, new source hospital-c");

    assertThat(ct("dataset", "check", "videos", "--since", "v1", "--policy", "growth>=3"))
        .isEqualTo(1);
    assertThat(out.toString()).contains("changed too little since v1 to retrain");

    JsonNode decision = json("dataset", "check", "videos", "--since", "v1", "--json");
    assertThat(decision.get("fire").asBoolean()).isTrue();
    assertThat(decision.at("/change/added").asInt()).isEqualTo(8);
  }

  @Test
  public void shouldSnapshotThenCheckInOneCall() throws IOException {
    snapshot();
    write("hospital-a/bleeding/clip-late.mp4", "late");

    assertThat(
            ct(
                "dataset",
                "check",
                "videos",
                "--since",
                "latest",
                "--snapshot",
                data.toString(),
                "--policy",
                "files>=1",
                "-q"))
        .isZero();
    assertThat(out.toString()).contains("videos gained 1 file since v1");
    assertThat(err.toString()).contains("Recorded videos v2");
  }

  @Test
  public void shouldExplainBadInputWithExitCode2() throws IOException {
    assertThat(ct("dataset", "log", "nothing")).isEqualTo(2);
    assertThat(err.toString()).contains("there is no dataset 'nothing'");

    snapshot();
    assertThat(ct("dataset", "diff", "videos", "v9", "latest")).isEqualTo(2);
    assertThat(err.toString()).contains("dataset 'videos' has no version v9 (videos has v1…v1)");

    assertThat(ct("dataset", "check", "videos", "--since", "v1", "--policy", "growht>=2"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("unknown condition 'growht'");

    assertThat(ct("dataset", "snapshot", "videos", data.resolve("missing").toString(), "-q"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such directory");

    assertThat(ct("dataset", "snapshot", "bad/name", data.toString(), "-q")).isEqualTo(2);
    assertThat(err.toString()).contains("not a valid dataset name");

    assertThat(ct("dataset", "query", "videos", "size >")).isEqualTo(2);
    assertThat(err.toString()).contains("column");
  }

  @Test
  public void shouldVerifyAndCompactARegistry() throws IOException {
    snapshot();
    write("hospital-c/bleeding/clip-7.mp4", "c7");
    snapshot();

    assertThat(ct("dataset", "compact", "videos")).isZero();
    assertThat(out.toString()).contains("1 versions rewritten in full");
    assertThat(ct("dataset", "verify", "videos")).isZero();
    assertThat(out.toString()).contains("All 2 versions of videos are readable and intact.");
  }
}
