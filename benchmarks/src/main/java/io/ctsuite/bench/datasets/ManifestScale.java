package io.ctsuite.bench.datasets;

import io.ctsuite.datasets.Hashes;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.ManifestBuilder;
import io.ctsuite.datasets.ManifestCodec;
import io.ctsuite.datasets.Meta;
import io.ctsuite.datasets.Origin;
import io.ctsuite.datasets.StoredManifest;
import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.ManifestDiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A measured run of the manifest at scale: builds a 1,000,000-entry manifest with realistic paths
 * and metadata, measures the heap it holds, writes and reads it, then diffs it against a second
 * version (1 % modified, 1 % removed, 0.5 % renamed, 2 % added) and times the diff.
 *
 * <p>Run it with {@code -Xmx256m}: both versions are read into that heap together, so the run
 * itself shows that one manifest fits well within 256 MB.
 *
 * <pre>ManifestScale [ENTRIES] [WORKDIR]</pre>
 */
public final class ManifestScale {
  private static final String[] LABELS = {
    "cholecystectomy",
    "appendectomy",
    "bleeding",
    "normal",
    "polyp",
    "smoke",
    "clip-applier",
    "grasper",
    "hook",
    "irrigator",
    "scissors",
    "specimen-bag"
  };

  private ManifestScale() {}

  public static void main(String[] args) throws IOException {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("ct-manifest-scale");
    Files.createDirectories(work);
    Path first = work.resolve("v1.ctm");
    Path second = work.resolve("v2.ctm");
    System.out.printf("heap limit: %d MB%n", Runtime.getRuntime().maxMemory() >> 20);

    long before = usedHeap();
    long started = System.nanoTime();
    Manifest v1 = generate(entries, false);
    double buildSeconds = seconds(started);
    long held = usedHeap() - before;
    System.out.printf(
        "built %,d entries in %.2f s; heap held by the manifest: %.1f MB (%.0f bytes/entry)%n",
        v1.size(), buildSeconds, held / 1e6, (double) held / v1.size());
    started = System.nanoTime();
    String id = v1.id();
    System.out.printf("id %s… computed in %.2f s%n", id.substring(0, 12), seconds(started));
    started = System.nanoTime();
    write(v1, first);
    System.out.printf(
        "written in %.2f s: %.1f MB on disk%n", seconds(started), Files.size(first) / 1e6);
    v1 = null;
    write(generate(entries, true), second);

    started = System.nanoTime();
    Manifest a = read(first);
    double readSeconds = seconds(started);
    Manifest b = read(second);
    System.out.printf(
        "read back in %.2f s (id verified); both versions held: %.1f MB of heap%n",
        readSeconds, (usedHeap() - before) / 1e6);
    double best = Double.MAX_VALUE;
    DatasetChange change = null;
    for (int round = 0; round < 5; round++) {
      started = System.nanoTime();
      ManifestDiff diff = ManifestDiff.between(a, b);
      change = diff.summarize("scale", "v1", "v2", null);
      best = Math.min(best, seconds(started));
    }
    System.out.printf(
        "diff of %,d against %,d entries: best of 5 %.3f s (goal < 2 s): +%,d −%,d ~%,d modified,"
            + " %,d renamed, %d sources, %d labels%n",
        a.size(),
        b.size(),
        best,
        change.added(),
        change.removed(),
        change.modified(),
        change.renamed(),
        change.bySource().size(),
        change.byLabel().size());
    System.out.printf(
        "RESULT heap_mb=%.1f diff_s=%.3f read_s=%.2f%n", held / 1e6, best, readSeconds);
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  private static long usedHeap() {
    for (int k = 0; k < 4; k++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void write(Manifest m, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ManifestCodec.write(StoredManifest.full(m), out);
    }
  }

  private static Manifest read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ManifestCodec.read(in, file.toString()).full();
    }
  }

  /**
   * Entries in path order, so that the builder needs no sort: {@code
   * hospital-S/LABEL/case-C/frame-F.jpg} in cases of 100 frames. The second version removes,
   * renames and modifies some entries and adds a few to every other case, all deterministically.
   */
  static Manifest generate(int entries, boolean changed) {
    Origin origin = Origin.of("/data/surgical-videos", Origin.SHA256);
    String[] labels = LABELS.clone();
    java.util.Arrays.sort(labels);
    int cases = (entries + 99) / 100;
    ManifestBuilder builder = new ManifestBuilder("scale");
    builder.expect(entries + (changed ? entries / 40 : 0), (long) entries * 56);
    byte[] hash = new byte[Hashes.LENGTH];
    StringBuilder path = new StringBuilder(80);
    for (int source = 0; source < 8; source++) {
      for (int label = 0; label < labels.length; label++) {
        Meta meta =
            Meta.of(Map.of("source", "hospital-" + (char) ('a' + source), "label", labels[label]));
        for (int c = source + 8 * label; c < cases; c += 8 * labels.length) {
          int frames = Math.min(100, entries - c * 100);
          for (int f = 0; f < frames + (changed && c % 2 == 0 ? 4 : 0); f++) {
            int i = c * 100 + f;
            boolean extra = f >= frames;
            int pick = (int) Math.floorMod(i * 2654435761L, 1000L);
            if (changed && !extra && pick < 10) {
              continue; // removed
            }
            boolean renamed = changed && !extra && pick >= 10 && pick < 15;
            boolean modified = changed && !extra && pick >= 15 && pick < 25;
            path.setLength(0);
            path.append("hospital-").append((char) ('a' + source)).append('/');
            path.append(labels[label]).append("/case-");
            pad(path, c, 6);
            path.append("/frame-");
            pad(path, f, 6);
            path.append(renamed ? "-r.jpg" : ".jpg");
            fill(hash, extra ? -i - 1 : i, modified);
            builder.add(
                path.toString(), 20_000 + (i % 10_000), 1_700_000_000_000L + i, hash, meta, origin);
          }
        }
      }
    }
    return builder.build();
  }

  private static void pad(StringBuilder text, int value, int width) {
    String digits = Integer.toString(value);
    for (int k = digits.length(); k < width; k++) {
      text.append('0');
    }
    text.append(digits);
  }

  private static void fill(byte[] hash, long i, boolean modified) {
    long x = i * 0x9E3779B97F4A7C15L + (modified ? 0x5bd1e995L : 0);
    for (int k = 0; k < hash.length; k++) {
      x ^= x >>> 29;
      x *= 0xbf58476d1ce4e5b9L;
      hash[k] = (byte) (x >>> 56);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
