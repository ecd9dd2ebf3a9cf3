package io.ctsuite.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotProblem;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.store.S3Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * The Jenkins trigger runs snapshots on agents and decides on the controller: what crosses between
 * them must survive Java serialization intact.
 */
public class SerializationTest {
  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  public void shouldCarryASnapshotResultWithItsManifest() throws Exception {
    Manifest manifest =
        Manifests.manifest()
            .file("a/1.mp4", "one", "hospital-a", "bleeding")
            .file("b", "two")
            .build();
    SnapshotResult result =
        new SnapshotResult(
            "/data",
            manifest,
            List.of(new SnapshotProblem(SnapshotProblem.Kind.VANISHED, "c", "gone")),
            2,
            6,
            0,
            10);

    SnapshotResult back = roundTrip(result);

    assertThat(back.manifest().id()).isEqualTo(manifest.id());
    assertThat(back.manifest().totalBytes()).isEqualTo(6);
    assertThat(back.manifest().meta(0).labels()).containsExactly("bleeding");
    assertThat(back.problems()).isEqualTo(result.problems());
  }

  @Test
  public void shouldCarryWhereTheRegistryIsAndHowToSnapshot() throws Exception {
    RegistryLocation location =
        RegistryLocation.s3(
            "s3://bucket/registry",
            S3Settings.of("http://minio:9000", "eu-west-1", "key", "secret"),
            Path.of("/tmp/cache"));
    SnapshotOptions options =
        new SnapshotOptions().exclude(".git").pathPattern("{source}/*").threads(3);

    RegistryLocation back = roundTrip(location);
    SnapshotOptions options2 = roundTrip(options);

    assertThat(back.isS3()).isTrue();
    assertThat(back.s3Settings().endpoint()).isEqualTo("http://minio:9000");
    assertThat(back.toString()).isEqualTo("s3://bucket/registry");
    assertThat(back.s3Settings().toString()).doesNotContain("secret");
    assertThat(options2.excludes()).containsExactly(".git");
    assertThat(options2.threads()).isEqualTo(3);
  }

  @Test
  public void shouldCarryAChangeAndAVersionRecord() throws Exception {
    Manifest before = Manifests.manifest().file("a", "1", "h-a", "x").build();
    Manifest after =
        Manifests.manifest().file("a", "1", "h-a", "x").file("b", "2", "h-b", "y").build();
    DatasetChange change = ManifestDiff.between(before, after).summarize("d", "v1", "v2", null);
    VersionInfo version =
        new VersionInfo(
            "d",
            2,
            after.id(),
            before.id(),
            "2024-01-01T00:00:00Z",
            "me",
            null,
            "snapshot",
            "/data",
            java.util.Map.of(),
            2,
            2);

    assertThat(roundTrip(change)).isEqualTo(change);
    assertThat(roundTrip(version)).isEqualTo(version);
  }
}
