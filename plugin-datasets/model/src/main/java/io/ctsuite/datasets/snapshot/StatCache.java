package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.AtomicFiles;
import io.ctsuite.datasets.Hashes;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What this machine remembers of the last snapshot of a root: for each path, the size, modification
 * time (ns) and identity (inode and status-change time) it had when hashed, and the hash. A file
 * whose stat is unchanged is not read again, as git's index does.
 *
 * <p>Like git, it guards against "racy" files: one modified within a short window before the
 * snapshot started could change again within the same timestamp tick, so such an entry is marked
 * and hashed again next time.
 *
 * <p>Stored sorted by path in a local binary file; a damaged or foreign file is ignored (the cost
 * is only hashing again).
 */
public final class StatCache {
  private static final int MAGIC = 0x43545343; // "CTSC"
  private static final int VERSION = 1;

  static final StatCache EMPTY =
      new StatCache(
          0,
          new byte[0],
          new int[1],
          new long[0],
          new long[0],
          new long[0],
          new byte[0],
          new boolean[0]);

  private final int count;
  private final byte[] paths;
  private final int[] start;
  private final long[] sizes;
  private final long[] mtimes;
  private final long[] inodes;
  private final byte[] hashes;
  private final boolean[] racy;

  private StatCache(
      int count,
      byte[] paths,
      int[] start,
      long[] sizes,
      long[] mtimes,
      long[] inodes,
      byte[] hashes,
      boolean[] racy) {
    this.count = count;
    this.paths = paths;
    this.start = start;
    this.sizes = sizes;
    this.mtimes = mtimes;
    this.inodes = inodes;
    this.hashes = hashes;
    this.racy = racy;
  }

  public int size() {
    return count;
  }

  /** Reads the cache, or an empty one when the file is missing or unreadable. */
  public static StatCache load(Path file) {
    if (file == null) {
      return EMPTY;
    }
    try {
      // one read and a buffer walk: a DataInputStream costs a call per field
      ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
      if (in.getInt() != MAGIC || in.getInt() != VERSION) {
        return EMPTY;
      }
      int count = in.getInt();
      int pathBytes = in.getInt();
      if (count < 0 || pathBytes < 0 || pathBytes > in.remaining()) {
        return EMPTY;
      }
      byte[] paths = new byte[pathBytes];
      int[] start = new int[count + 1];
      long[] sizes = new long[count];
      long[] mtimes = new long[count];
      long[] identities = new long[count];
      byte[] hashes = new byte[count * Hashes.LENGTH];
      boolean[] racy = new boolean[count];
      int at = 0;
      for (int i = 0; i < count; i++) {
        int length = in.getShort() & 0xffff;
        if (at + length > pathBytes) {
          return EMPTY;
        }
        in.get(paths, at, length);
        start[i] = at;
        at += length;
        sizes[i] = in.getLong();
        mtimes[i] = in.getLong();
        identities[i] = in.getLong();
        in.get(hashes, i * Hashes.LENGTH, Hashes.LENGTH);
        racy[i] = in.get() != 0;
      }
      start[count] = at;
      return new StatCache(count, paths, start, sizes, mtimes, identities, hashes, racy);
    } catch (IOException | RuntimeException e) {
      // missing, truncated or foreign: the only cost is hashing again
      return EMPTY;
    }
  }

  /**
   * Writes the stats and hashes of {@code files} (sorted by path, all hashed).
   *
   * @param racyAfterNanos files modified at or after this time are marked racy
   */
  public static void save(Path file, List<FoundFile> files, long racyAfterNanos) {
    AtomicFiles.write(
        file,
        raw -> {
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
          int pathBytes = 0;
          int count = 0;
          for (FoundFile f : files) {
            if (f.hash() != null && f.pathBytes().length <= 0xffff) {
              pathBytes += f.pathBytes().length;
              count++;
            }
          }
          out.writeInt(MAGIC);
          out.writeInt(VERSION);
          out.writeInt(count);
          out.writeInt(pathBytes);
          for (FoundFile f : files) {
            if (f.hash() == null || f.pathBytes().length > 0xffff) {
              continue;
            }
            out.writeShort(f.pathBytes().length);
            out.write(f.pathBytes());
            out.writeLong(f.size());
            out.writeLong(f.mtimeNanos());
            out.writeLong(f.identity());
            out.write(f.hash());
            out.writeBoolean(f.mtimeNanos() >= racyAfterNanos);
          }
          out.flush();
        });
  }

  /** Looks files up in path order; each lookup continues where the last one stopped. */
  public Cursor cursor() {
    return new Cursor();
  }

  /** A forward-only lookup over the cache. */
  public final class Cursor {
    private int next;

    /**
     * The cached hash of a file whose path, size, time and identity are unchanged and that was not
     * racy, or null. Paths must be asked for in ascending order.
     */
    public byte[] hashIfUnchanged(byte[] path, long size, long mtimeNanos, long identity) {
      while (next < count
          && Arrays.compareUnsigned(paths, start[next], start[next + 1], path, 0, path.length)
              < 0) {
        next++;
      }
      if (next < count
          && Arrays.compareUnsigned(paths, start[next], start[next + 1], path, 0, path.length)
              == 0) {
        int i = next++;
        if (!racy[i] && sizes[i] == size && mtimes[i] == mtimeNanos && inodes[i] == identity) {
          return Arrays.copyOfRange(hashes, i * Hashes.LENGTH, (i + 1) * Hashes.LENGTH);
        }
      }
      return null;
    }
  }

  /** The cache file of a snapshot root, under {@code cacheDir}. */
  public static Path fileFor(Path cacheDir, String root) {
    return cacheDir
        .resolve("stat")
        .resolve(
            Hashes.hex(Hashes.sha256(root.getBytes(StandardCharsets.UTF_8))).substring(0, 24)
                + ".bin");
  }
}
