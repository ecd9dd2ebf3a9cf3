package io.ctsuite.tracking.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.store.SourceOffsets;
import io.ctsuite.tracking.tfevents.EventFileWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileCaptureTest {
  static final Path JANOSH =
      Path.of(
          "../../../shared/fixtures/tensorboard/janosh__tensorboard-reducer/tests/runs/lax/run_1/"
              + "events.out.tfevents.1622543341.janoshs-mbp.lan.86862.3");

  @Rule public TemporaryFolder temp = new TemporaryFolder();
  private final RecordingSink sink = new RecordingSink();
  private Path work;

  @Before
  public void setUp() throws Exception {
    work = temp.newFolder("work").toPath();
  }

  private void append(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  @Test
  public void shouldFindEveryKindOfFileAndPrefixEventFilesOfSubRuns() throws Exception {
    Files.createDirectories(work.resolve("logs/train"));
    Files.copy(JANOSH, work.resolve("logs/train/events.out.tfevents.1.a"));
    Files.createDirectories(work.resolve("logs/validation"));
    try (EventFileWriter writer =
        new EventFileWriter(
            Files.newOutputStream(work.resolve("logs/validation/events.out.tfevents.2.b")), 1.0)) {
      writer.scalar("lax/foo", 0, 2.0, 0.25f);
    }
    append(work.resolve("metrics.jsonl"), "{\"key\":\"acc\",\"value\":0.5,\"step\":1}\n");
    append(work.resolve("history.csv"), "epoch,loss\n0,1.5\n1,1.0\n");
    append(work.resolve("train.log"), "hello\n##ct[param key='lr' value='0.1']\n");
    append(work.resolve(".git/ignored.jsonl"), "{\"key\":\"no\",\"value\":1}\n");
    append(work.resolve("node_modules/x/ignored.jsonl"), "{\"key\":\"no\",\"value\":1}\n");
    append(work.resolve("README.md"), "##ct[metric key='no' value='1']\n");

    FileCapture capture = new FileCapture(sink, new SourceOffsets()).add(work);
    FileCapture.Report report = capture.poll(true);

    assertThat(report.files()).hasSize(5);
    assertThat(sink.metrics.stream().map(MetricPoint::key).distinct())
        .containsExactlyInAnyOrder(
            "train/lax/foo",
            "train/lax/bar_1",
            "train/lax/bar_2",
            "validation/lax/foo",
            "acc",
            "loss");
    assertThat(sink.params).containsEntry("lr", 0.1);
    assertThat(report.points()).isEqualTo(330 + 1 + 1 + 2);
  }

  @Test
  public void shouldReadOnlyWhatWasAppendedSinceTheLastPoll() throws Exception {
    Path jsonl = work.resolve("m.jsonl");
    append(jsonl, "{\"key\":\"a\",\"value\":1,\"step\":0}\n{\"key\":\"a\",\"value\":2,");
    SourceOffsets offsets = new SourceOffsets();
    FileCapture capture = new FileCapture(sink, offsets).add(work);

    capture.poll(false);
    assertThat(sink.metrics).hasSize(1); // the half-written second line waits

    append(jsonl, "\"step\":1}\n{\"key\":\"a\",\"value\":3,\"step\":2}\nnot json\n");
    capture.poll(false);
    assertThat(sink.metrics).extracting(MetricPoint::value).containsExactly(1.0, 2.0, 3.0);
    assertThat(sink.problemTexts())
        .singleElement()
        .asString()
        .startsWith("m.jsonl:4: column ")
        .contains("not valid JSON: Unrecognized token 'not'");

    // a later capture (another process) with the saved offsets reads nothing twice
    RecordingSink later = new RecordingSink();
    append(jsonl, "{\"key\":\"a\",\"value\":4,\"step\":3}");
    new FileCapture(later, offsets).add(work).poll(true);
    assertThat(later.metrics).extracting(MetricPoint::value).containsExactly(4.0);
  }

  @Test
  public void shouldFollowAGrowingEventFile() throws Exception {
    byte[] bytes = Files.readAllBytes(JANOSH);
    Path events = work.resolve("events.out.tfevents.9.grow");
    Files.write(events, Arrays.copyOf(bytes, 7001));
    FileCapture capture = new FileCapture(sink, new SourceOffsets()).add(events);

    FileCapture.Report first = capture.poll(false);
    Files.write(events, bytes);
    capture.poll(false);

    assertThat(first.files().get(0).truncated()).isTrue();
    assertThat(sink.metrics).hasSize(330);
    assertThat(sink.problems).isEmpty();
  }

  @Test
  public void shouldIgnoreFilesOlderThanTheRunInWatchMode() throws Exception {
    Path old = work.resolve("old.jsonl");
    append(old, "{\"key\":\"old\",\"value\":1}\n");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1000));
    append(work.resolve("new.jsonl"), "{\"key\":\"new\",\"value\":1}\n");

    new FileCapture(sink, new SourceOffsets()).add(work).modifiedSince(10_000).poll(true);

    assertThat(sink.metrics).extracting(MetricPoint::key).containsExactly("new");
  }

  @Test
  public void shouldReadAnExplicitFileOfAnyNameAsALog() throws Exception {
    Path console = work.resolve("console");
    Files.writeString(console, "##ct[metric key='x' value='2' step='4']", StandardCharsets.UTF_8);

    new FileCapture(sink, new SourceOffsets()).add(console).poll(true);

    assertThat(sink.metrics).extracting(MetricPoint::step).containsExactly(4L);
  }
}
