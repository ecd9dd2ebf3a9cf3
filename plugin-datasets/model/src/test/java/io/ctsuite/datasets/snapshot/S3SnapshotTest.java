package io.ctsuite.datasets.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.Hashes;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Origin;
import io.ctsuite.datasets.store.S3Location;
import io.ctsuite.datasets.store.S3ProxyRule;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

public class S3SnapshotTest {
  @Rule public S3ProxyRule s3 = new S3ProxyRule();
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path cache;

  @Before
  public void objects() throws Exception {
    cache = temp.newFolder("cache").toPath();
    put("videos/hospital-a/1.mp4", "one");
    put("videos/hospital-a/2.mp4", "two");
    put("videos/hospital-b/3.mp4", "three");
    put("videos/", "");
    put("other/4.mp4", "four");
  }

  private void put(String key, String content) {
    try (S3Client client = s3.settings().client()) {
      client.putObject(b -> b.bucket(S3ProxyRule.BUCKET).key(key), RequestBody.fromString(content));
    }
  }

  private SnapshotResult snapshot(SnapshotOptions options, io.ctsuite.core.Progress progress) {
    return new Snapshotter(options, cache, progress, null)
        .snapshot(s3.uri("videos"), s3.settings());
  }

  @Test
  public void shouldIdentifyObjectsByETagWithoutDownloading() {
    SnapshotResult result = snapshot(new SnapshotOptions().pathPattern("{source}/*"), null);
    Manifest m = result.manifest();

    assertThat(m.size()).isEqualTo(3);
    assertThat(m.path(0)).isEqualTo("hospital-a/1.mp4");
    assertThat(m.meta(2).source()).isEqualTo("hospital-b");
    assertThat(m.origin(0).hashKind()).isEqualTo(Origin.S3_ETAG);
    assertThat(m.origin(0).root()).isEqualTo("s3://ct-test/videos/");
    assertThat(result.hashedBytes()).isZero();
  }

  @Test
  public void shouldHashObjectsWhenAskedAndRememberThem() {
    SnapshotResult first = snapshot(new SnapshotOptions().hashS3(true), null);
    SnapshotResult second = snapshot(new SnapshotOptions().hashS3(true), null);

    assertThat(first.manifest().hashHex(0))
        .isEqualTo(Hashes.hex(Hashes.sha256("one".getBytes(StandardCharsets.UTF_8))));
    assertThat(first.hashedFiles()).isEqualTo(3);
    assertThat(second.hashedFiles()).isZero();
    assertThat(second.manifest().id()).isEqualTo(first.manifest().id());
  }

  @Test
  public void shouldNoticeAReplacedObject() {
    Manifest before = snapshot(new SnapshotOptions(), null).manifest();
    put("videos/hospital-a/2.mp4", "two, re-encoded");

    Manifest after = snapshot(new SnapshotOptions(), null).manifest();

    assertThat(after.id()).isNotEqualTo(before.id());
    assertThat(after.sameHash(0, before, 0)).isTrue();
    assertThat(after.sameHash(1, before, 1)).isFalse();
  }

  @Test
  public void shouldStopCleanlyWhenS3GoesAwayMidSnapshot() {
    io.ctsuite.core.Progress outage =
        (task, done, total, bytes, totalBytes) -> {
          if (task.startsWith("Listing") && done == total) {
            try {
              s3.stop();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };

    assertThatThrownBy(() -> snapshot(new SnapshotOptions().hashS3(true), outage))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("Could not read s3://ct-test/videos/")
        .hasMessageContaining("S3 is unreachable");
  }

  @Test
  public void shouldRefuseKeysThatLeaveThePrefix() throws Throwable {
    S3ProxyRule memory = new S3ProxyRule("transient");
    memory
        .apply(
            new org.junit.runners.model.Statement() {
              @Override
              public void evaluate() {
                try (S3Client client = memory.settings().client()) {
                  client.putObject(
                      b -> b.bucket(S3ProxyRule.BUCKET).key("videos/../../etc/passwd"),
                      RequestBody.fromString("x"));
                  assertThatThrownBy(
                          () ->
                              new Snapshotter(new SnapshotOptions(), null, null, null)
                                  .snapshotS3(client, S3Location.parse(memory.uri("videos"))))
                      .isInstanceOf(InputException.class)
                      .hasMessageContaining("S3 key under s3://ct-test/videos/")
                      .hasMessageContaining("leaves its directory");
                }
              }
            },
            org.junit.runner.Description.EMPTY)
        .evaluate();
  }
}
