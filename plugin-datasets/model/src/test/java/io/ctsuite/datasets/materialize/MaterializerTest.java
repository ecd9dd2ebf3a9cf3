package io.ctsuite.datasets.materialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MaterializerTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path data;
  private Path cache;
  private Path work;

  @Before
  public void tree() throws IOException {
    data = temp.newFolder("data").toPath();
    cache = temp.newFolder("cache").toPath();
    work = temp.getRoot().toPath().resolve("work");
    write("train/a.jpg", "aaa");
    write("train/b.jpg", "bbb");
    write("val/c.jpg", "ccc");
  }

  private void write(String path, String content) throws IOException {
    Path file = data.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
  }

  private Manifest snapshot() {
    return new Snapshotter(new SnapshotOptions().racyWindowMillis(0), null, null, null)
        .snapshotDirectory(data)
        .manifest();
  }

  private static VersionInfo version(Manifest m, int seq) {
    return new VersionInfo(
        "images",
        seq,
        m.id(),
        null,
        "2024-01-01T00:00:00Z",
        "t",
        null,
        "snapshot",
        "/data",
        Map.of(),
        m.size(),
        m.totalBytes());
  }

  private Materializer materializer() {
    return new Materializer(cache, null, 2, null, null);
  }

  @Test
  public void shouldHardLinkFilesFromTheCache() throws IOException {
    Manifest m = snapshot();

    MaterializeReport report = materializer().materialize(version(m, 1), m, work, null, false);

    assertThat(report.linked()).isEqualTo(3);
    assertThat(report.fetched()).isEqualTo(3);
    assertThat(Files.readString(work.resolve("train/a.jpg"))).isEqualTo("aaa");
    Path object =
        cache.resolve("objects").resolve(m.hashHex(0).substring(0, 2)).resolve(m.hashHex(0));
    assertThat(Files.isSameFile(object, work.resolve(m.path(0)))).isTrue();
    assertThat(Marker.read(work).id()).isEqualTo(m.id());
    assertThat(Marker.read(work).complete()).isTrue();
  }

  @Test
  public void shouldReuseWhatIsInPlaceAndRemoveWhatTheVersionDropped() throws IOException {
    Manifest v1 = snapshot();
    materializer().materialize(version(v1, 1), v1, work, null, false);
    Files.delete(data.resolve("val/c.jpg"));
    write("train/d.jpg", "ddd");
    Files.writeString(work.resolve("notes.txt"), "mine");
    Manifest v2 = snapshot();

    MaterializeReport report = materializer().materialize(version(v2, 2), v2, work, v1, false);

    assertThat(report.reused()).isEqualTo(2);
    assertThat(report.fetched()).isEqualTo(1);
    assertThat(report.removed()).isEqualTo(1);
    assertThat(report.extra()).isEqualTo(1);
    assertThat(work.resolve("val")).doesNotExist();
    assertThat(work.resolve("notes.txt")).hasContent("mine");
    assertThat(work.resolve("train/d.jpg")).hasContent("ddd");
  }

  @Test
  public void shouldCopyWithoutACacheAndVerify() throws IOException {
    Manifest m = snapshot();

    MaterializeReport report =
        new Materializer(null, null, 2, null, null).materialize(version(m, 1), m, work, null, true);

    assertThat(report.copied()).isEqualTo(3);
    assertThat(report.verified()).isEqualTo(3);
    assertThat(Files.isSameFile(data.resolve("train/a.jpg"), work.resolve("train/a.jpg")))
        .isFalse();
  }

  @Test
  public void shouldRefuseASourceThatChangedSinceTheSnapshot() throws IOException {
    Manifest m = snapshot();
    Files.writeString(data.resolve("train/b.jpg"), "BBB");

    assertThatThrownBy(() -> materializer().materialize(version(m, 1), m, work, null, false))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("train/b.jpg: its source")
        .hasMessageContaining("changed since the version was taken");
    assertThat(work.resolve("train/b.jpg")).doesNotExist();
    assertThat(Marker.read(work).complete()).isFalse();
  }

  @Test
  public void shouldRepairAFileEditedInPlace() throws IOException {
    Manifest m = snapshot();
    materializer().materialize(version(m, 1), m, work, null, false);
    // a linked file is the cache's copy too (read-only): an edit in place changes both
    Path edited = work.resolve("train/a.jpg");
    Files.setPosixFilePermissions(
        edited, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(edited, "xyz");

    MaterializeReport report = materializer().materialize(version(m, 1), m, work, m, true);

    assertThat(report.repaired()).isEqualTo(1);
    assertThat(report.reused()).isEqualTo(2);
    assertThat(work.resolve("train/a.jpg")).hasContent("aaa");
    assertThat(materializer().materialize(version(m, 1), m, work, m, true).reused()).isEqualTo(3);
  }
}
