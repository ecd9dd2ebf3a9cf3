package io.ctsuite.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.datasets.store.S3ProxyRule;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class S3RegistryTest {
  @Rule public S3ProxyRule s3 = new S3ProxyRule();
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private DatasetRegistry open(String cacheName) throws Exception {
    Path cache = temp.getRoot().toPath().resolve(cacheName);
    return RegistryLocation.s3(s3.uri("registry"), s3.settings(), cache).open();
  }

  private static Manifest version(int files) {
    Manifests m = Manifests.manifest();
    for (int i = 0; i < files; i++) {
      m.file("clips/" + i + ".mp4", "content " + i);
    }
    return m.build();
  }

  @Test
  public void shouldRecordAndReadVersionsInABucket() throws Exception {
    try (DatasetRegistry registry = open("cache-a")) {
      registry.commit("videos", version(100), VersionDraft.snapshot("/d"));
      registry.commit("videos", version(104), VersionDraft.snapshot("/d"));
    }
    try (DatasetRegistry other = open("cache-b")) {
      VersionInfo v2 = other.resolve("videos", "v2");
      assertThat(other.chainLength(v2.id())).isEqualTo(1);
      assertThat(other.manifest(v2).size()).isEqualTo(104);
      assertThat(other.datasets()).containsExactly("videos");
    }
  }

  @Test
  public void shouldGiveConcurrentSnapshotsDistinctNumbers() throws Exception {
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<CommitResult>> results = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int files = 20 + w;
      String cache = "cache-" + w;
      results.add(
          pool.submit(
              () -> {
                try (DatasetRegistry registry = open(cache)) {
                  return registry.commit("videos", version(files), VersionDraft.snapshot("/d"));
                }
              }));
    }
    for (Future<CommitResult> result : results) {
      assertThat(result.get().created()).isTrue();
    }
    pool.shutdown();

    try (DatasetRegistry registry = open("cache-check")) {
      List<VersionInfo> log = registry.log("videos");
      assertThat(log).extracting(VersionInfo::seq).containsExactly(1, 2, 3, 4);
      assertThat(log).extracting(VersionInfo::files).containsExactlyInAnyOrder(20L, 21L, 22L, 23L);
      for (VersionInfo v : log) {
        assertThat(registry.manifest(v).size()).isEqualTo(v.files());
      }
    }
  }

  @Test
  public void shouldRecordNothingWhenS3GoesAwayAndStayReadableAfter() throws Exception {
    try (DatasetRegistry registry = open("cache-a")) {
      registry.commit("videos", version(10), VersionDraft.snapshot("/d"));
      s3.stop();
      assertThatThrownBy(() -> registry.commit("videos", version(11), VersionDraft.snapshot("/d")))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("S3 is unreachable");
      s3.restart();
    }
    try (DatasetRegistry registry = open("cache-b")) {
      assertThat(registry.log("videos")).hasSize(1);
      assertThat(registry.manifest(registry.resolve("videos", "latest")).size()).isEqualTo(10);
    }
  }
}
