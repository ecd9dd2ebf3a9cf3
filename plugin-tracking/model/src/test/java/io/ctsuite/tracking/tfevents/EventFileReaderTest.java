package io.ctsuite.tracking.tfevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.tracking.capture.CaptureProblem;
import io.ctsuite.tracking.capture.RecordingSink;
import io.ctsuite.tracking.run.MetricPoint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Golden values come from the fixtures' provenance notes (record and value counts) and from an
 * independent Python decoder written for the purpose (first, last, min, max).
 */
public class EventFileReaderTest {
  static final Path TB = Path.of("../../../shared/fixtures/tensorboard");
  static final Path JANOSH =
      TB.resolve(
          "janosh__tensorboard-reducer/tests/runs/lax/run_1/"
              + "events.out.tfevents.1622543341.janoshs-mbp.lan.86862.3");

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final RecordingSink sink = new RecordingSink();

  private EventFileReader.Result read(Path file) throws Exception {
    return new EventFileReader(file.getFileName().toString(), sink).read(file, 0);
  }

  private Map<String, List<MetricPoint>> byKey() {
    return sink.metrics.stream()
        .collect(
            Collectors.groupingBy(
                MetricPoint::key, java.util.LinkedHashMap::new, Collectors.toList()));
  }

  @Test
  public void shouldReadPyTorchSimpleValues() throws Exception {
    EventFileReader.Result result = read(JANOSH);

    assertThat(result.records()).isEqualTo(331);
    assertThat(result.points()).isEqualTo(330);
    assertThat(result.resumeOffset()).isEqualTo(Files.size(JANOSH)).isEqualTo(15324);
    assertThat(result.truncatedTail()).isFalse();
    assertThat(result.corrupt()).isZero();
    Map<String, List<MetricPoint>> series = byKey();
    assertThat(series).containsOnlyKeys("lax/foo", "lax/bar_1", "lax/bar_2");
    assertThat(series.values()).allSatisfy(s -> assertThat(s).hasSize(110));
    assertThat(series.get("lax/foo").get(0))
        .isEqualTo(new MetricPoint("lax/foo", 0, 1622543341789L, 1.2587659358978271));
    assertThat(series.get("lax/foo").get(109).value()).isEqualTo(1.4174270629882812);
    assertThat(series.get("lax/bar_2").stream().mapToDouble(MetricPoint::value).max().orElseThrow())
        .isEqualTo(1.9991450309753418);
    assertThat(sink.problems).isEmpty();
  }

  @Test
  public void shouldReadALightningRunWithItsHyperparameters() throws Exception {
    Path file =
        TB.resolve(
            "Abdul-AA__Text-Generation-With-LSTM/lightning_logs/version_0/"
                + "events.out.tfevents.1716735746.99c8c45923de.3769.0");

    EventFileReader.Result result = read(file);

    assertThat(result.records()).isEqualTo(15445);
    Map<String, List<MetricPoint>> series = byKey();
    assertThat(series.get("train_loss")).hasSize(7691);
    assertThat(series.get("epoch")).hasSize(7720);
    assertThat(series.get("val_loss")).hasSize(29);
    assertThat(series.get("hp_metric")).extracting(MetricPoint::value).containsExactly(-1.0);
    assertThat(series).doesNotContainKey("_hparams_/experiment");
    assertThat(series.get("val_loss").get(28).step()).isEqualTo(384597);
    assertThat(series.get("val_loss").get(28).value()).isEqualTo(0.2555515468120575);
    assertThat(sink.params)
        .containsEntry("hidden_units", 512L)
        .containsEntry("num_layers", 2L)
        .containsEntry("lr", 0.001)
        .hasSize(5);
  }

  @Test
  public void shouldReadTextHyperparametersToo() throws Exception {
    read(
        TB.resolve(
            "BFU-Graphics__NeRF-from-scratch/lightning_logs/version_0/"
                + "events.out.tfevents.1679899924.PWRD-20211216RH.5676.0"));

    assertThat(sink.params)
        .containsEntry("exp_name", "Lego")
        .containsEntry("scale", 0.5)
        .containsEntry("batch_size", 512L)
        .containsEntry("ckpt_path", "None")
        .hasSize(18);
  }

  @Test
  public void shouldReadTf2TensorScalarsAndSkipHistogramsAndGraphs() throws Exception {
    read(
        TB.resolve(
            "huangyuan3h__StockData/logs/fit/20220213-124139/train/"
                + "events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2"));

    Map<String, List<MetricPoint>> series = byKey();
    assertThat(series).containsOnlyKeys("epoch_loss", "epoch_mae");
    assertThat(series.get("epoch_loss")).hasSize(20);
    assertThat(series.get("epoch_loss").get(0).value()).isEqualTo(6.7651214599609375);
    assertThat(series.get("epoch_loss").get(19).step()).isEqualTo(19);
    assertThat(sink.problems).isEmpty();
  }

  @Test
  public void shouldReadTf2ScalarsWhoseTagDeclaredItsPluginOnlyOnce() throws Exception {
    read(
        TB.resolve(
            "orktes__go-tensorboard/testdata/tfevents/"
                + "events.out.tfevents.1585499054.Jaakkos-Mac-mini.local.11684.5.v2"));

    List<MetricPoint> points = byKey().get("my_metric");
    assertThat(points).hasSize(100);
    assertThat(points.get(99).step()).isEqualTo(99);
    assertThat(points.get(99).value()).isEqualTo(49.5);
  }

  @Test
  public void shouldReadTf1KerasScalarsNextToGraphs() throws Exception {
    read(TB.resolve("wandb__wandb/tests/assets/events.out.tfevents.1585769947.cvp"));

    Map<String, List<MetricPoint>> series = byKey();
    assertThat(series)
        .containsOnlyKeys(
            "batch_loss",
            "batch_acc",
            "epoch_acc",
            "epoch_loss",
            "epoch_val_acc",
            "epoch_val_loss");
    assertThat(series.values()).allSatisfy(s -> assertThat(s).hasSize(17));
    assertThat(series.get("epoch_loss").get(16).value()).isEqualTo(2.932505594799295e-05);
  }

  @Test
  public void shouldFindNoScalarsInImageHistogramAndEmptyRuns() throws Exception {
    read(
        TB.resolve(
            "ZeroToMax-ZYZ__study_tensorboard/runs/image_experiment/"
                + "events.out.tfevents.1771595107.zyzkings.11980.0"));
    read(
        TB.resolve(
            "ZeroToMax-ZYZ__study_tensorboard/runs/histogram_experiment/"
                + "events.out.tfevents.1771596220.zyzkings.19040.0"));
    EventFileReader.Result versionOnly =
        read(
            TB.resolve(
                "FKnorring__restaurant-name-prediction/lightning_logs/version_0/"
                    + "events.out.tfevents.1676977004.pop-os.19369.0"));

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.problems).isEmpty();
    assertThat(versionOnly.records()).isEqualTo(1);
    assertThat(versionOnly.resumeOffset()).isEqualTo(40);
  }

  @Test
  public void shouldReadNothingFromAnEmptyFile() throws Exception {
    Path empty = temp.newFile("events.out.tfevents.0.empty").toPath();

    EventFileReader.Result result = read(empty);

    assertThat(result.records()).isZero();
    assertThat(result.truncatedTail()).isFalse();
    assertThat(result.resumeOffset()).isZero();
    assertThat(sink.problems).isEmpty();
  }

  @Test
  public void shouldStopBeforeATruncatedRecordAndResumeWhenItIsComplete() throws Exception {
    byte[] bytes = Files.readAllBytes(JANOSH);
    List<Long> starts = recordStarts(bytes);
    int cut = (int) (starts.get(200) + 20); // inside record 200
    Path growing = temp.getRoot().toPath().resolve("events.out.tfevents.1.growing");
    Files.write(growing, Arrays.copyOf(bytes, cut));
    EventFileReader reader = new EventFileReader("growing", sink);

    EventFileReader.Result first = reader.read(growing, 0);

    assertThat(first.truncatedTail()).isTrue();
    assertThat(first.resumeOffset()).isEqualTo(starts.get(200));
    assertThat(first.points()).isEqualTo(199); // records 1..199 are scalars, record 0 the version
    assertThat(sink.problems).isEmpty();

    Files.write(growing, bytes); // the writer finished the file
    EventFileReader.Result second = reader.read(growing, first.resumeOffset());

    assertThat(second.truncatedTail()).isFalse();
    assertThat(second.points()).isEqualTo(131);
    assertThat(sink.metrics).hasSize(330);
    assertThat(sink.metrics.stream().distinct().count()).isEqualTo(330);
  }

  @Test
  public void shouldSkipARecordWithABadDataChecksumAndKeepTheRest() throws Exception {
    byte[] bytes = Files.readAllBytes(JANOSH);
    long record = recordStarts(bytes).get(100);
    bytes[(int) record + 12 + 5] ^= 0x5a; // a byte of the event data
    Path corrupt = write("events.out.tfevents.2.corrupt", bytes);

    EventFileReader.Result result = read(corrupt);

    assertThat(result.points()).isEqualTo(329);
    assertThat(result.corrupt()).isEqualTo(1);
    assertThat(sink.problems)
        .extracting(CaptureProblem::toString)
        .containsExactly(
            "events.out.tfevents.2.corrupt at byte "
                + record
                + ": record data checksum mismatch; skipped the record (29 bytes)");
  }

  @Test
  public void shouldFindTheNextRecordAfterABadLength() throws Exception {
    byte[] bytes = Files.readAllBytes(JANOSH);
    List<Long> starts = recordStarts(bytes);
    long record = starts.get(50);
    bytes[(int) record] ^= 0x40; // the length no longer matches its checksum
    Path corrupt = write("events.out.tfevents.3.corrupt", bytes);

    EventFileReader.Result result = read(corrupt);

    assertThat(result.points()).isEqualTo(329);
    assertThat(sink.problems).hasSize(1);
    assertThat(sink.problems.get(0).offset()).isEqualTo(record);
    assertThat(sink.problems.get(0).toString())
        .contains("record header checksum mismatch")
        .contains("next valid record at byte " + starts.get(51));
  }

  @Test
  public void shouldWarnAboutGarbageAtTheEndAndKeepEverythingBeforeIt() throws Exception {
    byte[] bytes = Files.readAllBytes(JANOSH);
    byte[] garbage = new byte[100];
    Arrays.fill(garbage, (byte) 0x7f);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes);
    out.write(garbage);
    Path file = write("events.out.tfevents.4.garbage", out.toByteArray());

    EventFileReader.Result result = read(file);

    assertThat(result.points()).isEqualTo(330);
    assertThat(sink.problemTexts())
        .singleElement()
        .asString()
        .startsWith("events.out.tfevents.4.garbage at byte 15324: record header checksum mismatch");
  }

  @Test
  public void shouldReadWhatItsOwnWriterWritesIncludingNanAndTf2Tensors() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EventFileWriter writer = new EventFileWriter(bytes, 1000.0)) {
      writer.scalar("loss", 1, 1000.5, Float.NaN);
      writer.tensorScalar("acc", 1, 1001.0, 0.5f);
      writer.image("samples", 1, 1001.0, 5000);
      writer.tensorScalar("acc", 2, 1002.0, Float.POSITIVE_INFINITY);
    }
    Path file = write("events.out.tfevents.5.own", bytes.toByteArray());

    read(file);

    assertThat(sink.metrics)
        .containsExactly(
            new MetricPoint("loss", 1, 1000500, Double.NaN),
            new MetricPoint("acc", 1, 1001000, 0.5),
            new MetricPoint("acc", 2, 1002000, Double.POSITIVE_INFINITY));
  }

  @Test
  public void shouldPrefixKeysOfSubRuns() throws Exception {
    new EventFileReader("x", sink, "validation/").read(JANOSH, 0);

    assertThat(sink.metrics.get(0).key()).isEqualTo("validation/lax/foo");
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path file = temp.getRoot().toPath().resolve(name);
    Files.write(file, bytes);
    return file;
  }

  /** Record offsets, walked with the framing alone. */
  static List<Long> recordStarts(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Long> starts = new ArrayList<>();
    long at = 0;
    while (at < bytes.length) {
      starts.add(at);
      at += 16 + b.getLong((int) at);
    }
    return starts;
  }
}
