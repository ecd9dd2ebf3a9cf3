package io.ctsuite.gpu.slots;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.gpu.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Hands out the GPUs of one machine (a DGX-class box shared by several builds) so that no two
 * builds ever get the same GPU.
 *
 * <p>The leases live in {@code slots.json} in a state directory. Every operation takes an exclusive
 * lock on {@code slots.lock} (and a lock inside this JVM, since file locks are per process), reads
 * the file, and writes it back atomically before letting go; so several agents, processes, or an
 * allocator that restarted all see the same leases and never grant a GPU twice. Leases expire
 * unless renewed, which returns the GPUs of crashed builds. When {@code nvidia-smi} is available
 * the allocator prefers GPUs with the most free memory and skips free GPUs that a process outside
 * the allocator is using.
 */
public final class SlotAllocator {
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON =
      Json.mapper()
          .copy()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path dir;
  private final Path stateFile;
  private final Path lockFile;
  private final int gpuCount;
  private final Clock clock;
  private final long foreignUseMiB;

  /**
   * @param dir state directory, created if missing
   * @param gpuCount how many GPUs the machine has (indices 0..gpuCount-1)
   * @param foreignUseMiB memory in use above which an unleased GPU is taken as used by someone else
   */
  public SlotAllocator(Path dir, int gpuCount, Clock clock, long foreignUseMiB) {
    if (gpuCount < 1) {
      throw new IllegalArgumentException("a GPU machine has at least one GPU, not " + gpuCount);
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.stateFile = this.dir.resolve("slots.json");
    this.lockFile = this.dir.resolve("slots.lock");
    this.gpuCount = gpuCount;
    this.clock = clock;
    this.foreignUseMiB = foreignUseMiB;
  }

  public SlotAllocator(Path dir, int gpuCount) {
    this(dir, gpuCount, Clock.systemUTC(), 1024);
  }

  public int gpuCount() {
    return gpuCount;
  }

  public Path stateFile() {
    return stateFile;
  }

  /**
   * Grants {@code count} GPUs to {@code id} for {@code ttl}, or says why not, without waiting.
   * Asking again with a live lease's id renews and returns that lease.
   *
   * @param gpus the nvidia-smi view of the GPUs (memory in use), or an empty list without one
   */
  public Grant acquire(String id, int count, Duration ttl, List<GpuSample> gpus) {
    if (count < 1) {
      throw new InputException("a lease needs at least 1 GPU, not " + count);
    }
    if (count > gpuCount) {
      return Grant.refused(
          "this machine has "
              + gpuCount
              + " GPU"
              + (gpuCount == 1 ? "" : "s")
              + "; "
              + count
              + " can never be granted",
          true);
    }
    return update(
        state -> {
          Instant now = clock.instant();
          Optional<Lease> held = find(state, id);
          if (held.isPresent()) {
            if (held.get().gpus().size() != count) {
              return new Step<>(
                  state,
                  Grant.refused(
                      "'"
                          + id
                          + "' already holds GPUs "
                          + held.get().deviceList()
                          + "; release them before asking for "
                          + count,
                      false));
            }
            Lease renewed = held.get().renewedUntil(now.plus(ttl));
            return new Step<>(replace(state, renewed), Grant.granted(renewed));
          }
          Choice choice = choose(state, count, gpus);
          if (choice.picked == null) {
            return new Step<>(state, Grant.refused(choice.reason, false));
          }
          Lease lease = new Lease(id, choice.picked, now, now.plus(ttl), owner());
          List<Lease> leases = new ArrayList<>(state.leases());
          leases.add(lease);
          return new Step<>(new SlotState(SlotState.VERSION, leases), Grant.granted(lease));
        });
  }

  /**
   * Like {@link #acquire} but waits up to {@code wait} for GPUs to come free, asking again every
   * {@code poll} with a fresh nvidia-smi view.
   */
  public Grant acquire(
      String id,
      int count,
      Duration ttl,
      Supplier<List<GpuSample>> gpus,
      Duration wait,
      Duration poll)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Grant grant = acquire(id, count, ttl, gpus.get());
      if (grant.granted() || grant.never() || System.nanoTime() >= deadline) {
        return grant;
      }
      Thread.sleep(
          Math.max(1, Math.min(poll.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  /** Extends a live lease; empty when there is none (expired or never taken). */
  public Optional<Lease> renew(String id, Duration ttl) {
    return update(
        state -> {
          Optional<Lease> held = find(state, id);
          if (held.isEmpty()) {
            return new Step<>(state, Optional.<Lease>empty());
          }
          Lease renewed = held.get().renewedUntil(clock.instant().plus(ttl));
          return new Step<>(replace(state, renewed), Optional.of(renewed));
        });
  }

  /** Gives a lease's GPUs back; false when there was no such live lease. */
  public boolean release(String id) {
    return update(
        state -> {
          List<Lease> kept =
              state.leases().stream().filter(l -> !l.id().equals(id)).collect(Collectors.toList());
          boolean found = kept.size() != state.leases().size();
          return new Step<>(new SlotState(SlotState.VERSION, kept), found);
        });
  }

  /** The live leases, expired ones dropped. */
  public List<Lease> leases() {
    return update(state -> new Step<>(state, state.leases()));
  }

  /** The indices no live lease holds. */
  public List<Integer> freeGpus() {
    List<Lease> leases = leases();
    TreeSet<Integer> free = new TreeSet<>();
    for (int i = 0; i < gpuCount; i++) {
      free.add(i);
    }
    leases.forEach(l -> free.removeAll(l.gpus()));
    return List.copyOf(free);
  }

  private Choice choose(SlotState state, int count, List<GpuSample> view) {
    Map<Integer, Lease> holder = new HashMap<>();
    for (Lease lease : state.leases()) {
      lease.gpus().forEach(g -> holder.put(g, lease));
    }
    Map<Integer, GpuSample> samples = new HashMap<>();
    for (GpuSample sample : view == null ? List.<GpuSample>of() : view) {
      samples.put(sample.index(), sample);
    }
    List<Integer> usable = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    for (int gpu = 0; gpu < gpuCount; gpu++) {
      if (holder.containsKey(gpu)) {
        continue;
      }
      GpuSample sample = samples.get(gpu);
      if (sample != null
          && sample.memoryUsedMiB() != null
          && sample.memoryUsedMiB() > foreignUseMiB) {
        foreign.add(
            "GPU "
                + gpu
                + " is not leased but has "
                + Math.round(sample.memoryUsedMiB())
                + " MiB in use by a process outside the allocator");
      } else {
        usable.add(gpu);
      }
    }
    if (usable.size() < count) {
      return new Choice(null, refusal(count, usable, holder, foreign));
    }
    // most free memory first; without a view every GPU ties and the lowest indices win
    usable.sort(
        Comparator.comparingDouble((Integer g) -> -freeMiB(samples.get(g)))
            .thenComparing(Comparator.naturalOrder()));
    List<Integer> picked = new ArrayList<>(usable.subList(0, count));
    picked.sort(Comparator.naturalOrder());
    return new Choice(picked, null);
  }

  private String refusal(
      int count, List<Integer> usable, Map<Integer, Lease> holder, List<String> foreign) {
    StringBuilder reason =
        new StringBuilder("needs ")
            .append(count)
            .append(" GPU")
            .append(count == 1 ? "" : "s")
            .append(" but ")
            .append(usable.isEmpty() ? "none" : usable.size() + " (" + join(usable) + ")")
            .append(" of ")
            .append(gpuCount)
            .append(usable.size() == 1 ? " is" : " are")
            .append(" free");
    Map<Lease, List<Integer>> byLease = new java.util.LinkedHashMap<>();
    holder.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> byLease.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey()));
    if (!byLease.isEmpty()) {
      reason.append("; held by ");
      reason.append(
          byLease.entrySet().stream()
              .map(
                  e ->
                      "'"
                          + e.getKey().id()
                          + "' (GPU "
                          + join(e.getValue())
                          + ", expires in "
                          + Durations.words(Duration.between(clock.instant(), e.getKey().expires()))
                          + ")")
              .collect(Collectors.joining(", ")));
    }
    for (String f : foreign) {
      reason.append("; ").append(f);
    }
    return reason.toString();
  }

  private static double freeMiB(GpuSample sample) {
    if (sample == null || sample.memoryTotalMiB() == null || sample.memoryUsedMiB() == null) {
      return 0;
    }
    return sample.memoryTotalMiB() - sample.memoryUsedMiB();
  }

  private static String join(List<Integer> gpus) {
    return gpus.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static Optional<Lease> find(SlotState state, String id) {
    return state.leases().stream().filter(l -> l.id().equals(id)).findFirst();
  }

  private static SlotState replace(SlotState state, Lease lease) {
    List<Lease> leases = new ArrayList<>();
    for (Lease l : state.leases()) {
      leases.add(l.id().equals(lease.id()) ? lease : l);
    }
    return new SlotState(SlotState.VERSION, leases);
  }

  /** Read, drop expired leases, change, write: all under the JVM lock and the file lock. */
  private <T> T update(Function<SlotState, Step<T>> change) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    jvmLock.lock();
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        SlotState read = read();
        Instant now = clock.instant();
        SlotState live =
            new SlotState(
                SlotState.VERSION,
                read.leases().stream().filter(l -> !l.expired(now)).collect(Collectors.toList()));
        Step<T> step = change.apply(live);
        if (!step.state().equals(read)) {
          write(step.state());
        }
        return step.result();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use the GPU slot state in " + dir + ": " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
    }
  }

  private SlotState read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(stateFile);
    } catch (NoSuchFileException e) {
      return SlotState.empty();
    }
    try {
      SlotState state = JSON.readValue(bytes, SlotState.class);
      if (state.version() != SlotState.VERSION) {
        throw new InputException(
            stateFile
                + ": version "
                + state.version()
                + " is not "
                + SlotState.VERSION
                + "; written by another version of ct");
      }
      return state;
    } catch (JsonProcessingException e) {
      // refusing is the only safe answer: guessing the leases could hand a busy GPU out twice
      throw new InputException(
          stateFile
              + " line "
              + e.getLocation().getLineNr()
              + ": the GPU slot state is damaged ("
              + e.getOriginalMessage()
              + "); remove it only when no build uses the GPUs",
          e);
    }
  }

  private void write(SlotState state) throws IOException {
    AtomicFiles.write(stateFile, JSON.writeValueAsBytes(state));
  }

  private static String owner() {
    return ManagementFactory.getRuntimeMXBean().getName();
  }

  private record Step<T>(SlotState state, T result) {}

  private record Choice(List<Integer> picked, String reason) {}
}
