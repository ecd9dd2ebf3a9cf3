package io.ctsuite.datasets.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeFalse;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.Hashes;
import io.ctsuite.datasets.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SnapshotterTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path data;
  private Path cache;

  @Before
  public void tree() throws IOException {
    data = temp.newFolder("data").toPath();
    cache = temp.newFolder("cache").toPath();
    Trees.write(data, "hospital-a/bleeding/clip-1.mp4", "one");
    Trees.write(data, "hospital-a/normal/clip-2.mp4", "two");
    Trees.write(data, "hospital-b/haemorrhage/clip-3.mp4", "three");
  }

  private SnapshotResult snapshot(SnapshotOptions options) {
    return new Snapshotter(options, cache, null, null).snapshotDirectory(data);
  }

  private static SnapshotOptions settled() {
    // files written by the test are "racy" (just modified); a zero window trusts their stat
    return new SnapshotOptions().racyWindowMillis(0);
  }

  @Test
  public void shouldHashEveryFileWithSha256() {
    Manifest m = snapshot(settled()).manifest();

    assertThat(m.size()).isEqualTo(3);
    assertThat(m.path(0)).isEqualTo("hospital-a/bleeding/clip-1.mp4");
    assertThat(m.hashHex(0))
        .isEqualTo(Hashes.hex(Hashes.sha256("one".getBytes(StandardCharsets.UTF_8))));
    assertThat(m.fileSize(2)).isEqualTo(5);
    assertThat(m.origin(0).root()).isEqualTo(data.toString());
  }

  @Test
  public void shouldTakeMetadataFromAPathPatternAndASidecar() throws IOException {
    Trees.write(
        data,
        "labels.csv",
        "path,label,annotations,vendor\n"
            + "hospital-a/bleeding/clip-1.mp4,bleeding;active,4,acme\n"
            + "gone.mp4,x,1,acme\n");

    SnapshotResult result =
        snapshot(settled().pathPattern("{source}/{label}/*").sidecar("labels.csv"));
    Manifest m = result.manifest();

    int clip1 = m.indexOf("hospital-a/bleeding/clip-1.mp4");
    assertThat(m.meta(clip1).source()).isEqualTo("hospital-a");
    assertThat(m.meta(clip1).labels()).containsExactly("active", "bleeding");
    assertThat(m.meta(clip1).annotations()).isEqualTo(4);
    assertThat(m.meta(clip1).extra()).containsEntry("vendor", "acme");
    int clip3 = m.indexOf("hospital-b/haemorrhage/clip-3.mp4");
    assertThat(m.meta(clip3).labels()).containsExactly("haemorrhage");
    assertThat(m.meta(m.indexOf("labels.csv")).isEmpty()).isTrue();
    assertThat(result.problems())
        .anySatisfy(
            p -> {
              assertThat(p.kind()).isEqualTo(SnapshotProblem.Kind.ORPHAN_METADATA);
              assertThat(p.detail()).contains("labels.csv line 3");
            });
  }

  @Test
  public void shouldNameTheLineOfABadSidecarRow() throws IOException {
    Trees.write(data, "labels.csv", "path,annotations\nhospital-a/normal/clip-2.mp4,many\n");

    assertThatThrownBy(() -> snapshot(settled().sidecar("labels.csv")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("labels.csv: line 2")
        .hasMessageContaining("'annotations'");
  }

  @Test
  public void shouldNotReadUnchangedFilesAgain() throws IOException {
    SnapshotResult first = snapshot(settled());
    SnapshotResult second = snapshot(settled());
    Path changed = data.resolve("hospital-a/normal/clip-2.mp4");
    Files.writeString(changed, "two, edited");
    Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
    SnapshotResult third = snapshot(settled());

    assertThat(first.hashedFiles()).isEqualTo(3);
    assertThat(second.hashedFiles()).isZero();
    assertThat(second.cachedFiles()).isEqualTo(3);
    assertThat(second.manifest().id()).isEqualTo(first.manifest().id());
    assertThat(third.hashedFiles()).isEqualTo(1);
    assertThat(third.manifest().id()).isNotEqualTo(first.manifest().id());
  }

  @Test
  public void shouldNoticeContentRewrittenUnderItsOldModificationTime() throws Exception {
    Path file = data.resolve("hospital-a/normal/clip-2.mp4");
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    Files.setLastModifiedTime(file, old);
    SnapshotResult first = snapshot(settled());
    Thread.sleep(20);
    Files.writeString(file, "TWO"); // same size
    Files.setLastModifiedTime(file, old); // as rsync -t or a careless copy would leave it

    SnapshotResult second = snapshot(settled());

    assertThat(second.hashedFiles()).isEqualTo(1);
    assertThat(second.manifest().id()).isNotEqualTo(first.manifest().id());
  }

  @Test
  public void shouldHashRecentlyModifiedFilesAgainLikeGitsRacyCheck() {
    SnapshotOptions racy = new SnapshotOptions().racyWindowMillis(60_000);
    snapshot(racy);

    assertThat(snapshot(racy).hashedFiles()).isEqualTo(3);
  }

  @Test
  public void shouldLeaveOutExcludedFilesAndDirectories() throws IOException {
    Trees.write(data, ".git/HEAD", "ref");
    Trees.write(data, "hospital-a/tmp.partial", "x");

    Manifest m = snapshot(settled().exclude(".git").exclude("**/*.partial")).manifest();

    assertThat(m.size()).isEqualTo(3);
    assertThat(m.indexOf(".git/HEAD")).isNegative();
  }

  @Test
  public void shouldReportSymlinksOrFollowThemWithoutLooping() throws IOException {
    Files.createSymbolicLink(data.resolve("hospital-a/again"), data.resolve("hospital-a"));
    Files.createSymbolicLink(
        data.resolve("alias.mp4"), data.resolve("hospital-a/normal/clip-2.mp4"));
    Files.createSymbolicLink(data.resolve("broken"), data.resolve("nowhere"));

    SnapshotResult notFollowed = snapshot(settled());
    assertThat(notFollowed.manifest().size()).isEqualTo(3);
    assertThat(notFollowed.problems())
        .filteredOn(p -> p.kind() == SnapshotProblem.Kind.SYMLINK_SKIPPED)
        .hasSize(3);

    SnapshotResult followed = snapshot(settled().followSymlinks(true));
    Manifest m = followed.manifest();
    assertThat(m.indexOf("alias.mp4")).isNotNegative();
    assertThat(m.hashHex(m.indexOf("alias.mp4")))
        .isEqualTo(m.hashHex(m.indexOf("hospital-a/normal/clip-2.mp4")));
    assertThat(followed.problems())
        .extracting(SnapshotProblem::kind, SnapshotProblem::path)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                SnapshotProblem.Kind.SYMLINK_LOOP, "hospital-a/again"),
            org.assertj.core.groups.Tuple.tuple(SnapshotProblem.Kind.DANGLING_LINK, "broken"));
  }

  @Test
  public void shouldReportLinksThatPointAtEachOther() throws IOException {
    Files.createSymbolicLink(data.resolve("ping"), data.resolve("pong"));
    Files.createSymbolicLink(data.resolve("pong"), data.resolve("ping"));

    SnapshotResult result = snapshot(settled().followSymlinks(true));

    assertThat(result.manifest().size()).isEqualTo(3);
    assertThat(result.problems())
        .filteredOn(p -> p.kind() == SnapshotProblem.Kind.SYMLINK_LOOP)
        .extracting(SnapshotProblem::path)
        .containsExactlyInAnyOrder("ping", "pong");
  }

  @Test
  public void shouldStopOnAnUnreadableFileAndNameIt() throws IOException {
    assumeFalse("root reads every file", Trees.isRoot());
    Path secret = Trees.write(data, "hospital-a/secret.mp4", "hidden");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));

    assertThatThrownBy(() -> snapshot(settled()))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("hospital-a/secret.mp4: permission denied")
        .hasMessageContaining("nothing was recorded");

    SnapshotResult skipped = snapshot(settled().skipProblems(true));
    assertThat(skipped.manifest().size()).isEqualTo(3);
    assertThat(skipped.problems())
        .extracting(SnapshotProblem::kind)
        .contains(SnapshotProblem.Kind.UNREADABLE);
  }

  @Test
  public void shouldStopWhenCancelled() {
    Cancellation cancellation = new Cancellation();
    Snapshotter snapshotter =
        new Snapshotter(
            settled(),
            cache,
            (task, done, total, bytes, totalBytes) -> cancellation.cancel("aborted by the user"),
            cancellation);

    assertThatThrownBy(() -> snapshotter.snapshotDirectory(data))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("aborted by the user");
  }

  @Test
  public void shouldSayWhenTheDirectoryDoesNotExist() {
    assertThatThrownBy(
            () ->
                new Snapshotter(settled(), cache, null, null)
                    .snapshotDirectory(data.resolve("nope")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no such directory");
  }

  @Test
  public void shouldHashAFileAgainWhenItChangedSinceTheScan() throws IOException {
    Path file = Trees.write(data, "late.bin", "final content");
    FoundFile stale = new FoundFile("late.bin", file, 3, 1, 1);
    java.util.Queue<SnapshotProblem> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();

    new FileHasher(2, 3, false, Cancellation.none(), io.ctsuite.core.Progress.NONE, problems)
        .hashAll(List.of(stale), 3);

    assertThat(problems).isEmpty();
    assertThat(stale.hash())
        .isEqualTo(Hashes.sha256("final content".getBytes(StandardCharsets.UTF_8)));
    assertThat(stale.size()).isEqualTo(13);
  }

  @Test
  public void shouldLeaveOutAFileThatVanishedAfterTheScan() {
    FoundFile gone = new FoundFile("gone.bin", data.resolve("gone.bin"), 3, 1, 1);
    java.util.Queue<SnapshotProblem> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();

    new FileHasher(1, 3, false, Cancellation.none(), io.ctsuite.core.Progress.NONE, problems)
        .hashAll(List.of(gone), 3);

    assertThat(gone.hash()).isNull();
    assertThat(problems)
        .extracting(SnapshotProblem::kind)
        .containsExactly(SnapshotProblem.Kind.VANISHED);
  }

  @Test
  public void shouldReportAFileThatCannotBeRead() throws IOException {
    // a directory where a file was found: reading fails with an I/O error, even as root
    Path dir = Files.createDirectories(data.resolve("now-a-directory"));
    FoundFile file = new FoundFile("now-a-directory", dir, 3, 1, 1);
    java.util.Queue<SnapshotProblem> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();

    new FileHasher(1, 3, false, Cancellation.none(), io.ctsuite.core.Progress.NONE, problems)
        .hashAll(List.of(file), 3);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(SnapshotProblem.Kind.UNREADABLE);
              assertThat(p.detail()).startsWith("could not read");
            });
  }

  @Test
  public void shouldReportAFileThatKeepsChangingWhileItIsRead() throws Exception {
    Path growing = Trees.write(data, "copy-in-progress.bin", "x".repeat(1 << 20));
    Thread writer =
        new Thread(
            () -> {
              try (var out =
                  Files.newOutputStream(growing, java.nio.file.StandardOpenOption.APPEND)) {
                while (!Thread.currentThread().isInterrupted()) {
                  out.write(new byte[4096]);
                  out.flush();
                }
              } catch (IOException e) {
                // the test ended
              }
            });
    writer.start();
    try {
      Thread.sleep(50);
      // On a loaded machine the writer thread can be starved for a whole snapshot, and then the
      // file is honestly stable; a few tries make sure the check is seen while the copy runs.
      SnapshotException seen = null;
      for (int tries = 0; tries < 10 && seen == null; tries++) {
        try {
          snapshot(settled().attempts(2));
        } catch (SnapshotException e) {
          seen = e;
        }
      }
      assertThat(seen)
          .isNotNull()
          .hasMessageContaining("copy-in-progress.bin: changed while it was read, 2 times");
    } finally {
      writer.interrupt();
      writer.join();
    }
  }
}
