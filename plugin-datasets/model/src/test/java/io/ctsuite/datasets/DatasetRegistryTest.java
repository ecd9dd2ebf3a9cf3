package io.ctsuite.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.store.DirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DatasetRegistryTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path root;
  private DatasetRegistry registry;

  @Before
  public void open() throws Exception {
    root = temp.newFolder("registry").toPath();
    registry = new DatasetRegistry(new DirectoryStore(root), root.resolve("cache"));
  }

  @After
  public void close() {
    registry.close();
  }

  private static Manifest version(int files) {
    Manifests m = Manifests.manifest();
    for (int i = 0; i < files; i++) {
      m.file("clips/" + i + ".mp4", "content " + i);
    }
    return m.build();
  }

  @Test
  public void shouldNumberVersionsAndLinkEachToItsParent() {
    CommitResult first = registry.commit("videos", version(10), VersionDraft.snapshot("/data"));
    CommitResult second =
        registry.commit("videos", version(12), VersionDraft.snapshot("/data").note("more"));

    assertThat(first.created()).isTrue();
    assertThat(first.version().label()).isEqualTo("v1");
    assertThat(first.version().parent()).isNull();
    assertThat(second.version().label()).isEqualTo("v2");
    assertThat(second.version().parent()).isEqualTo(first.version().id());
    assertThat(second.version().files()).isEqualTo(12);
    assertThat(second.version().note()).isEqualTo("more");
    assertThat(registry.log("videos")).extracting(VersionInfo::seq).containsExactly(1, 2);
    assertThat(registry.datasets()).containsExactly("videos");
  }

  @Test
  public void shouldNotRecordTheSameContentTwice() {
    CommitResult first = registry.commit("videos", version(3), VersionDraft.snapshot("/data"));
    CommitResult again = registry.commit("videos", version(3), VersionDraft.snapshot("/data"));

    assertThat(again.created()).isFalse();
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(registry.log("videos")).hasSize(1);
  }

  @Test
  public void shouldStoreAChildAsADeltaAndReadItBack() {
    registry.commit("videos", version(100), VersionDraft.snapshot("/data"));
    Manifest grown = version(105);
    VersionInfo v2 = registry.commit("videos", grown, VersionDraft.snapshot("/data")).version();

    DatasetRegistry fresh = new DatasetRegistry(new DirectoryStore(root), null);
    assertThat(fresh.chainLength(v2.id())).isEqualTo(1);
    Manifest read = fresh.manifest(v2);
    assertThat(read.id()).isEqualTo(grown.id());
    assertThat(read.size()).isEqualTo(105);
  }

  @Test
  public void shouldKeepDeltaChainsShortAndCompactThemOnRequest() {
    List<VersionInfo> versions = new ArrayList<>();
    for (int n = 100; n < 100 + 2 * DatasetRegistry.MAX_CHAIN + 2; n++) {
      versions.add(registry.commit("videos", version(n), VersionDraft.snapshot("/data")).version());
    }
    DatasetRegistry fresh = new DatasetRegistry(new DirectoryStore(root), null);
    for (VersionInfo v : versions) {
      assertThat(fresh.chainLength(v.id())).isLessThanOrEqualTo(DatasetRegistry.MAX_CHAIN);
    }

    int rewritten = fresh.compact("videos");

    assertThat(rewritten).isGreaterThan(0);
    DatasetRegistry after = new DatasetRegistry(new DirectoryStore(root), null);
    for (VersionInfo v : versions) {
      assertThat(after.chainLength(v.id())).isZero();
      assertThat(after.manifest(v).size()).isEqualTo(v.files());
    }
  }

  @Test
  public void shouldResolveLatestSequenceNumbersAndIdPrefixes() {
    VersionInfo v1 = registry.commit("videos", version(1), VersionDraft.snapshot("/d")).version();
    VersionInfo v2 = registry.commit("videos", version(2), VersionDraft.snapshot("/d")).version();

    assertThat(registry.resolve("videos", "latest")).isEqualTo(v2);
    assertThat(registry.resolve("videos", "latest~1")).isEqualTo(v1);
    assertThat(registry.resolve("videos", "v1")).isEqualTo(v1);
    assertThat(registry.resolve("videos", v2.id().substring(0, 8))).isEqualTo(v2);
    assertThat(registry.resolve("videos", v2.id().toUpperCase())).isEqualTo(v2);
  }

  @Test
  public void shouldExplainAnUnknownVersionOrDataset() {
    registry.commit("videos", version(1), VersionDraft.snapshot("/d"));

    assertThatThrownBy(() -> registry.resolve("videos", "v7"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("has no version v7")
        .hasMessageContaining("v1…v1");
    assertThatThrownBy(() -> registry.resolve("videos", "ffff"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no version with id ffff");
    assertThatThrownBy(() -> registry.resolve("videos", "yesterday"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("use latest, latest~N, v<N> or an id prefix");
    assertThatThrownBy(() -> registry.resolve("images", "latest"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("there is no dataset 'images'")
        .hasMessageContaining("datasets: videos");
    assertThatThrownBy(() -> registry.log("../escape"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not a valid dataset name");
  }

  @Test
  public void shouldRecordEveryVersionWhenSnapshotsRunAtOnce() throws Exception {
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<CommitResult>> results = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int files = 50 + w;
      results.add(
          pool.submit(
              () -> {
                try (DatasetRegistry own =
                    new DatasetRegistry(new DirectoryStore(root), root.resolve("cache"))) {
                  return own.commit("videos", version(files), VersionDraft.snapshot("/d"));
                }
              }));
    }
    for (Future<CommitResult> result : results) {
      assertThat(result.get().created()).isTrue();
    }
    pool.shutdown();

    List<VersionInfo> log = new DatasetRegistry(new DirectoryStore(root), null).log("videos");
    assertThat(log).extracting(VersionInfo::seq).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(log)
        .extracting(VersionInfo::files)
        .containsExactlyInAnyOrder(50L, 51L, 52L, 53L, 54L, 55L);
    for (int k = 1; k < log.size(); k++) {
      assertThat(log.get(k).parent()).isEqualTo(log.get(k - 1).id());
    }
  }

  @Test
  public void shouldReportACorruptManifestAndKeepOtherVersionsReadable() throws Exception {
    VersionInfo v1 = registry.commit("videos", version(10), VersionDraft.snapshot("/d")).version();
    VersionInfo v2 = registry.commit("other", version(30), VersionDraft.snapshot("/d")).version();
    Path object = root.resolve(DatasetRegistry.objectKey(v1.id()));
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(object, bytes);

    DatasetRegistry fresh = new DatasetRegistry(new DirectoryStore(root), null);
    assertThatThrownBy(() -> fresh.manifest(v1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("corrupt manifest")
        .hasMessageContaining(v1.id());
    assertThat(fresh.manifest(v2).size()).isEqualTo(30);
    assertThat(fresh.log("videos")).hasSize(1);
  }

  @Test
  public void shouldReportACorruptVersionRecordByFileAndField() throws Exception {
    registry.commit("videos", version(1), VersionDraft.snapshot("/d"));
    Path record = root.resolve("datasets/videos/versions/000000001.json");
    Files.writeString(record, "{\"seq\": 1, \"id\": \"nothex\"}");

    DatasetRegistry fresh = new DatasetRegistry(new DirectoryStore(root), null);
    assertThatThrownBy(() -> fresh.log("videos"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("000000001.json")
        .hasMessageContaining("field 'id'");
  }

  @Test
  public void shouldLeaveNoTemporaryFilesBehind() throws Exception {
    registry.commit("videos", version(10), VersionDraft.snapshot("/d"));
    registry.commit("videos", version(11), VersionDraft.snapshot("/d"));

    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
    }
  }
}
