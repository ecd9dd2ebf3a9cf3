package io.ctsuite.datasets;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The entries of a dataset version, sorted by path: relative path, size, modification time, SHA-256
 * and metadata. Immutable.
 *
 * <p>Stored column by column so that a million entries fit in about 110 MB of heap: all paths in
 * one UTF-8 byte array with offsets, all hashes in one byte array, sizes and times in long arrays,
 * and metadata as an index into a table of distinct values. Paths are ordered by their UTF-8 bytes
 * (the same as code-point order), which every reader and writer shares.
 *
 * <p>The id of a manifest is the SHA-256 of its canonical form: each entry's path, size, hash and
 * metadata in path order. Modification times and origins are not part of it, so equal content gives
 * an equal id wherever and whenever it was taken.
 */
public final class Manifest implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] CANONICAL_HEADER =
      "ct-dataset-manifest/1\n".getBytes(StandardCharsets.UTF_8);

  /** A manifest without entries. */
  public static final Manifest EMPTY =
      new Manifest(
          0,
          new byte[0],
          new int[1],
          new long[0],
          new long[0],
          new byte[0],
          new Meta[] {Meta.EMPTY},
          null,
          new Origin[0],
          null);

  private final int count;
  private final byte[] paths;
  private final int[] pathStart;
  private final long[] sizes;
  private final long[] mtimes;
  private final byte[] hashes;
  private final Meta[] metas;
  private final int[] metaIndex;
  private final Origin[] origins;
  private final int[] originIndex;
  private transient volatile String id;
  // transient fields come back as 0 after deserialization, so "not computed yet" is a flag
  private transient boolean totalKnown;
  private transient long totalBytes;

  /**
   * Wraps columns that are already sorted, validated and owned by the new manifest (no copies).
   * {@code metaIndex} may be null when every entry has {@code metas[0]}, {@code originIndex} when
   * every entry has {@code origins[0]}.
   */
  Manifest(
      int count,
      byte[] paths,
      int[] pathStart,
      long[] sizes,
      long[] mtimes,
      byte[] hashes,
      Meta[] metas,
      int[] metaIndex,
      Origin[] origins,
      int[] originIndex) {
    this.count = count;
    this.paths = paths;
    this.pathStart = pathStart;
    this.sizes = sizes;
    this.mtimes = mtimes;
    this.hashes = hashes;
    this.metas = metas.length == 0 ? new Meta[] {Meta.EMPTY} : metas;
    this.metaIndex = metaIndex;
    this.origins = origins;
    this.originIndex = originIndex;
  }

  /** The number of entries. */
  public int size() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  public String path(int i) {
    return new String(paths, pathStart[i], pathStart[i + 1] - pathStart[i], StandardCharsets.UTF_8);
  }

  /** Length in bytes of entry {@code i}'s UTF-8 path. */
  public int pathLength(int i) {
    return pathStart[i + 1] - pathStart[i];
  }

  /** Copies entry {@code i}'s UTF-8 path into {@code target} at {@code offset}. */
  public void copyPath(int i, byte[] target, int offset) {
    System.arraycopy(paths, pathStart[i], target, offset, pathLength(i));
  }

  public byte[] pathBytes(int i) {
    return Arrays.copyOfRange(paths, pathStart[i], pathStart[i + 1]);
  }

  /** Orders entry {@code i} of this manifest against entry {@code j} of {@code other} by path. */
  public int comparePath(int i, Manifest other, int j) {
    return Arrays.compareUnsigned(
        paths,
        pathStart[i],
        pathStart[i + 1],
        other.paths,
        other.pathStart[j],
        other.pathStart[j + 1]);
  }

  /** Orders entry {@code i}'s path against a UTF-8 path. */
  public int comparePath(int i, byte[] path) {
    return Arrays.compareUnsigned(paths, pathStart[i], pathStart[i + 1], path, 0, path.length);
  }

  /** Orders entry {@code i}'s path against the UTF-8 path in {@code path[from, to)}. */
  public int comparePath(int i, byte[] path, int from, int to) {
    return Arrays.compareUnsigned(paths, pathStart[i], pathStart[i + 1], path, from, to);
  }

  /** The index of the entry with {@code path}, or a negative number when there is none. */
  public int indexOf(String path) {
    byte[] key = path.getBytes(StandardCharsets.UTF_8);
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = comparePath(mid, key);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /** Size in bytes of entry {@code i}. */
  public long fileSize(int i) {
    return sizes[i];
  }

  /** Modification time of entry {@code i} in milliseconds since the epoch, -1 when unknown. */
  public long modified(int i) {
    return mtimes[i];
  }

  public byte[] hash(int i) {
    return Arrays.copyOfRange(hashes, i * Hashes.LENGTH, (i + 1) * Hashes.LENGTH);
  }

  public String hashHex(int i) {
    return Hashes.hex(hashes, i * Hashes.LENGTH, Hashes.LENGTH);
  }

  /** Copies entry {@code i}'s hash into {@code target} at {@code offset}. */
  public void copyHash(int i, byte[] target, int offset) {
    System.arraycopy(hashes, i * Hashes.LENGTH, target, offset, Hashes.LENGTH);
  }

  /** Whether entry {@code i} here and entry {@code j} of {@code other} have the same hash. */
  public boolean sameHash(int i, Manifest other, int j) {
    return Arrays.equals(
        hashes,
        i * Hashes.LENGTH,
        (i + 1) * Hashes.LENGTH,
        other.hashes,
        j * Hashes.LENGTH,
        (j + 1) * Hashes.LENGTH);
  }

  /** Orders two entries by hash, for finding renames. */
  public int compareHash(int i, Manifest other, int j) {
    return Arrays.compareUnsigned(
        hashes,
        i * Hashes.LENGTH,
        (i + 1) * Hashes.LENGTH,
        other.hashes,
        j * Hashes.LENGTH,
        (j + 1) * Hashes.LENGTH);
  }

  /** The first eight bytes of entry {@code i}'s hash, a well-spread number for seeded choices. */
  public long hashPrefix(int i) {
    long value = 0;
    int base = i * Hashes.LENGTH;
    for (int k = 0; k < 8; k++) {
      value = (value << 8) | (hashes[base + k] & 0xff);
    }
    return value;
  }

  /** A 64-bit FNV-1a fingerprint of entry {@code i}'s path, stable across runs and machines. */
  public long pathFingerprint(int i) {
    long h = 0xcbf29ce484222325L;
    for (int k = pathStart[i]; k < pathStart[i + 1]; k++) {
      h ^= paths[k] & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  public Meta meta(int i) {
    return metas[metaIndex(i)];
  }

  /** The index of entry {@code i}'s metadata in {@link #metaTable()}. */
  public int metaIndex(int i) {
    return metaIndex == null ? 0 : metaIndex[i];
  }

  /** The distinct metadata values entries point to; index 0 is always present. */
  public Meta[] metaTable() {
    return metas.clone();
  }

  int metaTableSize() {
    return metas.length;
  }

  Meta metaAt(int index) {
    return metas[index];
  }

  public Origin origin(int i) {
    return origins.length == 0 ? null : origins[originIndex(i)];
  }

  public int originIndex(int i) {
    return originIndex == null ? 0 : originIndex[i];
  }

  /** Where the entries' data lives; most manifests have exactly one origin. */
  public Origin[] originTable() {
    return origins.clone();
  }

  int originTableSize() {
    return origins.length;
  }

  Origin originAt(int index) {
    return origins[index];
  }

  /**
   * Whether entry {@code i} here and entry {@code j} of {@code other} are the same in every column,
   * modification time and origin included: what a delta must preserve.
   */
  public boolean sameEntry(int i, Manifest other, int j) {
    return comparePath(i, other, j) == 0
        && sizes[i] == other.sizes[j]
        && mtimes[i] == other.mtimes[j]
        && sameHash(i, other, j)
        && meta(i).equals(other.meta(j))
        && java.util.Objects.equals(origin(i), other.origin(j));
  }

  /** The sum of all entries' sizes. */
  public long totalBytes() {
    if (!totalKnown) {
      long total = 0;
      for (int i = 0; i < count; i++) {
        total += sizes[i];
      }
      totalBytes = total;
      totalKnown = true;
    }
    return totalBytes;
  }

  /** The latest modification time of any entry in milliseconds, -1 when unknown or empty. */
  public long newestModified() {
    long newest = -1;
    for (int i = 0; i < count; i++) {
      newest = Math.max(newest, mtimes[i]);
    }
    return newest;
  }

  /** The id: SHA-256 of the canonical form, in hexadecimal. */
  public String id() {
    String value = id;
    if (value == null) {
      value = Hashes.hex(canonicalDigest());
      id = value;
    }
    return value;
  }

  private byte[] canonicalDigest() {
    MessageDigest digest = Hashes.sha256();
    digest.update(CANONICAL_HEADER);
    byte[][] metaBytes = new byte[metas.length][];
    for (int m = 0; m < metas.length; m++) {
      metaBytes[m] = metas[m].canonical().getBytes(StandardCharsets.UTF_8);
    }
    byte[] buffer = new byte[1 << 16];
    int used = 0;
    for (int i = 0; i < count; i++) {
      int pathLength = pathLength(i);
      byte[] meta = metaBytes[metaIndex(i)];
      int need = 4 + pathLength + 8 + Hashes.LENGTH + 4 + meta.length;
      if (used + need > buffer.length) {
        digest.update(buffer, 0, used);
        used = 0;
        if (need > buffer.length) {
          buffer = new byte[need];
        }
      }
      used = putInt(buffer, used, pathLength);
      System.arraycopy(paths, pathStart[i], buffer, used, pathLength);
      used += pathLength;
      used = putLong(buffer, used, sizes[i]);
      System.arraycopy(hashes, i * Hashes.LENGTH, buffer, used, Hashes.LENGTH);
      used += Hashes.LENGTH;
      used = putInt(buffer, used, meta.length);
      System.arraycopy(meta, 0, buffer, used, meta.length);
      used += meta.length;
    }
    digest.update(buffer, 0, used);
    return digest.digest();
  }

  private static int putInt(byte[] buffer, int at, int value) {
    buffer[at] = (byte) (value >>> 24);
    buffer[at + 1] = (byte) (value >>> 16);
    buffer[at + 2] = (byte) (value >>> 8);
    buffer[at + 3] = (byte) value;
    return at + 4;
  }

  private static int putLong(byte[] buffer, int at, long value) {
    putInt(buffer, at, (int) (value >>> 32));
    return putInt(buffer, at + 4, (int) value);
  }

  /** The entries that {@code keep} accepts, with the same metadata and origins. */
  public Manifest filter(IntPredicate keep) {
    int kept = 0;
    int[] selected = new int[count];
    for (int i = 0; i < count; i++) {
      if (keep.test(i)) {
        selected[kept++] = i;
      }
    }
    return select(Arrays.copyOf(selected, kept));
  }

  /** The entries at {@code indices} (ascending, no repeats), with the same tables. */
  public Manifest select(int[] indices) {
    int n = indices.length;
    int pathTotal = 0;
    for (int i : indices) {
      pathTotal += pathLength(i);
    }
    byte[] newPaths = new byte[pathTotal];
    int[] newStart = new int[n + 1];
    long[] newSizes = new long[n];
    long[] newTimes = new long[n];
    byte[] newHashes = new byte[n * Hashes.LENGTH];
    int[] newMeta = metaIndex == null ? null : new int[n];
    int[] newOrigin = originIndex == null ? null : new int[n];
    int at = 0;
    for (int k = 0; k < n; k++) {
      int i = indices[k];
      if (k > 0 && indices[k - 1] >= i) {
        throw new IllegalArgumentException("indices must be ascending");
      }
      int length = pathLength(i);
      System.arraycopy(paths, pathStart[i], newPaths, at, length);
      newStart[k] = at;
      at += length;
      newSizes[k] = sizes[i];
      newTimes[k] = mtimes[i];
      System.arraycopy(hashes, i * Hashes.LENGTH, newHashes, k * Hashes.LENGTH, Hashes.LENGTH);
      if (newMeta != null) {
        newMeta[k] = metaIndex[i];
      }
      if (newOrigin != null) {
        newOrigin[k] = originIndex[i];
      }
    }
    newStart[n] = at;
    return new Manifest(
        n, newPaths, newStart, newSizes, newTimes, newHashes, metas, newMeta, origins, newOrigin);
  }

  @Override
  public String toString() {
    return "Manifest(" + count + " entries, " + totalBytes() + " bytes)";
  }
}
