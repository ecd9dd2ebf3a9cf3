package io.ctsuite.gpu.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.core.nvidia.NvidiaSmi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SlotAllocatorTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T08:00:00Z"));

  private SlotAllocator allocator(Path dir, int gpus) {
    return new SlotAllocator(dir, gpus, clock, 1024);
  }

  @Test
  public void shouldHandOutDisjointGpusAndTheirEnvironment() throws Exception {
    SlotAllocator slots = allocator(temp.getRoot().toPath(), 8);
    Lease a = slots.acquire("ml/retrain #1", 3, HOUR, List.of()).lease();
    Lease b = slots.acquire("ml/hpo #7", 4, HOUR, List.of()).lease();
    assertThat(a.gpus()).containsExactly(0, 1, 2);
    assertThat(b.gpus()).containsExactly(3, 4, 5, 6);
    assertThat(b.environment())
        .containsEntry("CUDA_VISIBLE_DEVICES", "3,4,5,6")
        .containsEntry("NVIDIA_VISIBLE_DEVICES", "3,4,5,6");
    assertThat(slots.freeGpus()).containsExactly(7);
  }

  @Test
  public void shouldRefuseWithTheHoldersWhenTooFewAreFree() {
    SlotAllocator slots = allocator(temp.getRoot().toPath(), 4);
    slots.acquire("ml/a #1", 3, HOUR, List.of());
    Grant refused = slots.acquire("ml/b #2", 2, HOUR, List.of());
    assertThat(refused.granted()).isFalse();
    assertThat(refused.never()).isFalse();
    assertThat(refused.reason())
        .isEqualTo(
            "needs 2 GPUs but 1 (3) of 4 is free; held by 'ml/a #1' (GPU 0, 1, 2, expires in 1 h)");
    Grant impossible = slots.acquire("ml/c #3", 5, HOUR, List.of());
    assertThat(impossible.never()).isTrue();
    assertThat(impossible.reason()).isEqualTo("this machine has 4 GPUs; 5 can never be granted");
  }

  @Test
  public void shouldGiveTheGpusBackOnReleaseAndOnExpiry() {
    SlotAllocator slots = allocator(temp.getRoot().toPath(), 2);
    slots.acquire("done", 1, HOUR, List.of());
    slots.acquire("crashed", 1, Duration.ofMinutes(10), List.of());
    assertThat(slots.release("done")).isTrue();
    assertThat(slots.release("done")).isFalse();
    assertThat(slots.freeGpus()).containsExactly(0);
    clock.advance(Duration.ofMinutes(11));
    // the crashed build never renewed: its GPU is back
    assertThat(slots.freeGpus()).containsExactly(0, 1);
    assertThat(slots.renew("crashed", HOUR)).isEmpty();
  }

  @Test
  public void shouldRenewAndReturnTheSameLeaseForTheSameId() {
    SlotAllocator slots = allocator(temp.getRoot().toPath(), 4);
    Lease first = slots.acquire("ml/retrain #9", 2, Duration.ofMinutes(10), List.of()).lease();
    clock.advance(Duration.ofMinutes(5));
    Lease again = slots.acquire("ml/retrain #9", 2, Duration.ofMinutes(10), List.of()).lease();
    assertThat(again.gpus()).isEqualTo(first.gpus());
    assertThat(again.expires()).isEqualTo(first.expires().plus(Duration.ofMinutes(5)));
    assertThat(slots.acquire("ml/retrain #9", 3, HOUR, List.of()).reason())
        .contains("already holds GPUs 0,1");
  }

  @Test
  public void shouldKeepLeasesAcrossARestartOfTheAllocator() {
    Path dir = temp.getRoot().toPath();
    Lease before = allocator(dir, 4).acquire("ml/long #1", 2, HOUR, List.of()).lease();
    SlotAllocator restarted = allocator(dir, 4);
    assertThat(restarted.leases()).containsExactly(before);
    assertThat(restarted.acquire("ml/next #2", 2, HOUR, List.of()).lease().gpus())
        .doesNotContainAnyElementsOf(before.gpus());
    assertThat(restarted.acquire("ml/third #3", 1, HOUR, List.of()).granted()).isFalse();
  }

  @Test
  public void shouldPreferGpusWithFreeMemoryAndSkipForeignUse() {
    SlotAllocator slots = allocator(temp.getRoot().toPath(), 4);
    List<GpuSample> view =
        List.of(
            sample(0, 30_000, 81_559), // someone else's process: skipped
            sample(1, 500, 81_559),
            sample(2, 4, 81_559),
            sample(3, 900, 81_559));
    Lease lease = slots.acquire("ml/a", 2, HOUR, view).lease();
    assertThat(lease.gpus()).containsExactly(1, 2);
    Grant refused = slots.acquire("ml/b", 2, HOUR, view);
    assertThat(refused.reason())
        .contains("but 1 (3) of 4 is free")
        .contains(
            "GPU 0 is not leased but has 30000 MiB in use by a process outside the allocator");
  }

  @Test
  public void shouldReadTheNvidiaSmiViewOfARealH100() throws Exception {
    // a real capture: one H100 with 11125 MiB in use by MIG processes that no lease knows
    String csv =
        Files.readString(
            Path.of(
                "../../../shared/fixtures/nvidia-smi/utkuozdemir__nvidia_gpu_exporter/excerpts/"
                    + "h100-mig__load__query-gpu.csv"));
    List<GpuSample> view = NvidiaSmi.parse("query-gpu.csv", csv);
    Grant grant = allocator(temp.getRoot().toPath(), 1).acquire("ml/a", 1, HOUR, view);
    assertThat(grant.granted()).isFalse();
    assertThat(grant.reason())
        .isEqualTo(
            "needs 1 GPU but none of 1 are free; GPU 0 is not leased but has 11125 MiB in use by a"
                + " process outside the allocator");
  }

  @Test
  public void shouldWaitUntilAnotherBuildReleases() throws Exception {
    SlotAllocator slots = allocator(temp.getRoot().toPath(), 1);
    slots.acquire("first", 1, HOUR, List.of());
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(150);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              slots.release("first");
            });
    releaser.start();
    Grant grant =
        slots.acquire("second", 1, HOUR, List::of, Duration.ofSeconds(20), Duration.ofMillis(20));
    releaser.join();
    assertThat(grant.granted()).isTrue();
    assertThat(
            slots
                .acquire("third", 1, HOUR, List::of, Duration.ofMillis(50), Duration.ofMillis(10))
                .granted())
        .isFalse();
  }

  @Test
  public void shouldRefuseADamagedStateFileInsteadOfGuessing() throws Exception {
    Path dir = temp.getRoot().toPath();
    Files.writeString(dir.resolve("slots.json"), "{\"version\": 1, \"leases\": [ {\"id\": ");
    assertThatThrownBy(() -> allocator(dir, 2).acquire("x", 1, HOUR, List.of()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("slots.json line 1")
        .hasMessageContaining("remove it only when no build uses the GPUs");
  }

  @Test
  public void shouldNeverGrantAGpuTwiceUnderConcurrentAllocators() throws Exception {
    Path dir = temp.getRoot().toPath();
    // two allocator objects on the same directory stand for two agents or a restart
    SlotAllocator[] allocators = {allocator(dir, 8), allocator(dir, 8)};
    Map<Integer, String> inUse = new ConcurrentHashMap<>();
    AtomicInteger grants = new AtomicInteger();
    List<String> clashes = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int worker = t;
      futures.add(
          pool.submit(
              () -> {
                Random random = new Random(worker);
                for (int i = 0; i < 60; i++) {
                  String id = "w" + worker + "-" + i;
                  SlotAllocator slots = allocators[random.nextInt(2)];
                  Grant grant = slots.acquire(id, 1 + random.nextInt(3), HOUR, List.of());
                  if (!grant.granted()) {
                    continue;
                  }
                  grants.incrementAndGet();
                  for (int gpu : grant.lease().gpus()) {
                    String other = inUse.putIfAbsent(gpu, id);
                    if (other != null) {
                      clashes.add(
                          "GPU " + gpu + " given to " + id + " while " + other + " held it");
                    }
                  }
                  Thread.yield();
                  for (int gpu : grant.lease().gpus()) {
                    inUse.remove(gpu, id);
                  }
                  slots.release(id);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertThat(clashes).isEmpty();
    assertThat(grants.get()).isGreaterThan(60);
    assertThat(allocators[0].leases()).isEmpty();
  }

  private static GpuSample sample(int index, double usedMiB, double totalMiB) {
    return new GpuSample(index, null, "NVIDIA H100 80GB HBM3", null, usedMiB, totalMiB, null, null);
  }
}
