package io.ctsuite.bench.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.SplittableRandom;

/**
 * Writes the benchmark's dataset tree, or changes a share of it.
 *
 * <pre>
 * TreeGenerator generate DIR FILES BYTES   files of random content, mean size BYTES/FILES,
 *                                          as source-S/label-L/case-C/frame-F.bin
 * TreeGenerator change DIR PERCENT         rewrites the first bytes of PERCENT % of the files
 * </pre>
 *
 * Content is random (incompressible, every file distinct); sizes vary from a tenth to twice the
 * mean. Files are dated a minute back so that no snapshot sees them as just modified.
 */
public final class TreeGenerator {
  private static final int PER_DIRECTORY = 100;

  private TreeGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 4 && args[0].equals("generate")) {
      generate(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
    } else if (args.length == 3 && args[0].equals("change")) {
      change(Path.of(args[1]), Double.parseDouble(args[2]));
    } else {
      System.err.println("usage: TreeGenerator generate DIR FILES BYTES | change DIR PERCENT");
      System.exit(2);
    }
  }

  static Path file(Path root, int i) {
    int dir = i / PER_DIRECTORY;
    return root.resolve("source-" + (dir % 8))
        .resolve("label-" + ((dir / 8) % 12))
        .resolve(String.format("case-%05d", dir))
        .resolve(String.format("frame-%06d.bin", i));
  }

  static void generate(Path root, int files, long bytes) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    byte[] pool = new byte[16 << 20];
    random.nextBytes(pool);
    long mean = Math.max(1, bytes / files);
    long written = 0;
    long dated = System.currentTimeMillis() - 60_000;
    for (int i = 0; i < files; i++) {
      long size =
          i == files - 1
              ? Math.max(1, bytes - written)
              : mean / 10 + random.nextLong(mean * 19 / 10 + 1);
      size = Math.min(size, pool.length - 8);
      Path file = file(root, i);
      if (i % PER_DIRECTORY == 0) {
        Files.createDirectories(file.getParent());
      }
      int offset = random.nextInt(pool.length - (int) size);
      try (FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer head = ByteBuffer.allocate(8).putLong(0, i);
        channel.write(head);
        channel.write(ByteBuffer.wrap(pool, offset, (int) Math.max(0, size - 8)));
      }
      Files.setLastModifiedTime(file, FileTime.fromMillis(dated));
      written += size;
    }
    System.out.printf("generated %,d files, %,d bytes in %s%n", files, written, root);
  }

  static void change(Path root, double percent) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    int changed = 0;
    long dated = System.currentTimeMillis() - 30_000;
    for (int i = 0; ; i++) {
      Path file = file(root, i);
      if (!Files.exists(file)) {
        break;
      }
      if (random.nextDouble() * 100 < percent) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.write(ByteBuffer.allocate(8).putLong(0, random.nextLong()), 0);
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(dated));
        changed++;
      }
    }
    System.out.printf("changed %,d files in %s%n", changed, root);
  }
}
