package io.ctsuite.gpu.slots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate process that takes and gives back GPUs in a loop, for the cross-process test. It
 * writes one line per GPU held: "gpu startNanosOfEpoch endNanosOfEpoch", the times inside the lease
 * (after the grant, before the release).
 */
public final class SlotWorkerMain {
  private SlotWorkerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    int gpus = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    String name = args[4];
    SlotAllocator slots = new SlotAllocator(dir, gpus);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      String id = name + "-" + i;
      Grant grant =
          slots.acquire(
              id,
              1 + i % 2,
              Duration.ofMinutes(5),
              List::of,
              Duration.ofSeconds(30),
              Duration.ofMillis(2));
      if (!grant.granted()) {
        throw new IllegalStateException(id + ": " + grant.reason());
      }
      Instant start = Instant.now();
      Thread.sleep(1);
      Instant end = Instant.now();
      slots.release(id);
      for (int gpu : grant.lease().gpus()) {
        lines.add(gpu + " " + nanos(start) + " " + nanos(end) + " " + id);
      }
    }
    Files.write(out, lines);
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
