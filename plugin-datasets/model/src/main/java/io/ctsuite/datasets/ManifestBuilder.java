package io.ctsuite.datasets;

import io.ctsuite.core.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects entries in any order and builds a sorted {@link Manifest}. Paths are checked against
 * {@link EntryPaths}; a path added twice is an error. Metadata and origins are deduplicated into
 * the manifest's tables.
 */
public final class ManifestBuilder {
  private final String where;
  private int count;
  private byte[] paths = new byte[1 << 12];
  private int pathsUsed;
  private int[] pathStart = new int[65];
  private long[] sizes = new long[64];
  private long[] mtimes = new long[64];
  private byte[] hashes = new byte[64 * Hashes.LENGTH];
  private int[] metaIndex = new int[64];
  private int[] originIndex = new int[64];
  private final List<Meta> metas = new ArrayList<>(List.of(Meta.EMPTY));
  private final Map<Meta, Integer> metaIds = new HashMap<>(Map.of(Meta.EMPTY, 0));
  private final List<Origin> origins = new ArrayList<>();
  private final Map<Origin, Integer> originIds = new HashMap<>();
  private Manifest mapped;
  private Meta lastMeta;
  private int lastMetaIndex;
  private Origin lastOrigin;
  private int lastOriginIndex;
  private int[] metaMap;
  private int[] originMap;

  /**
   * @param where what the entries come from, for error messages ("snapshot of /data", "manifest
   *     objects/ab/abcd…")
   */
  public ManifestBuilder(String where) {
    this.where = where;
  }

  public ManifestBuilder() {
    this("manifest");
  }

  /** Pre-sizes the columns for {@code entries} entries with {@code pathBytes} bytes of paths. */
  public ManifestBuilder expect(int entries, long pathBytes) {
    if (entries > sizes.length) {
      resize(entries);
    }
    if (pathBytes > paths.length) {
      paths = Arrays.copyOf(paths, (int) Math.min(Integer.MAX_VALUE - 8, pathBytes));
    }
    return this;
  }

  public int size() {
    return count;
  }

  /** Registers an origin and returns its index. */
  public int origin(Origin origin) {
    return originIds.computeIfAbsent(
        origin,
        o -> {
          origins.add(o);
          return origins.size() - 1;
        });
  }

  /** Registers metadata and returns its index. */
  public int meta(Meta meta) {
    return metaIds.computeIfAbsent(
        meta,
        m -> {
          metas.add(m);
          return metas.size() - 1;
        });
  }

  /**
   * Adds an entry.
   *
   * @throws InputException when the path is not a valid entry path
   */
  public ManifestBuilder add(
      String path, long size, long modified, byte[] hash, Meta meta, Origin origin) {
    EntryPaths.check(path, where);
    return addChecked(
        path.getBytes(StandardCharsets.UTF_8),
        size,
        modified,
        hash,
        0,
        meta(meta == null ? Meta.EMPTY : meta),
        origin == null ? -1 : origin(origin));
  }

  /**
   * Adds an entry whose UTF-8 path the caller already has ({@code pathBytes} must encode {@code
   * path}); saves encoding a million paths twice.
   */
  public ManifestBuilder add(
      String path,
      byte[] pathBytes,
      long size,
      long modified,
      byte[] hash,
      Meta meta,
      Origin origin) {
    EntryPaths.check(path, where);
    Meta m = meta == null ? Meta.EMPTY : meta;
    int metaIndex = m == lastMeta ? lastMetaIndex : meta(m);
    lastMeta = m;
    lastMetaIndex = metaIndex;
    int originIndex = origin == null ? -1 : origin == lastOrigin ? lastOriginIndex : origin(origin);
    lastOrigin = origin;
    lastOriginIndex = originIndex;
    return addChecked(pathBytes, size, modified, hash, 0, metaIndex, originIndex);
  }

  /** Adds entry {@code i} of {@code source}, keeping its metadata and origin. */
  public ManifestBuilder add(Manifest source, int i) {
    mapTables(source);
    int origin = source.originTableSize() == 0 ? -1 : originMap[source.originIndex(i)];
    return copy(source, i, metaMap[source.metaIndex(i)], origin);
  }

  /**
   * Adds entry {@code i} of {@code source} with its path prefixed by {@code prefix} (may be null)
   * and its origin adjusted so that the data is still found.
   */
  public ManifestBuilder add(Manifest source, int i, String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return add(source, i);
    }
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] path = new byte[head.length + source.pathLength(i)];
    System.arraycopy(head, 0, path, 0, head.length);
    source.copyPath(i, path, head.length);
    Origin origin = source.origin(i);
    ensure(count + 1);
    source.copyHash(i, hashes, count * Hashes.LENGTH);
    return addChecked(
        path,
        source.fileSize(i),
        source.modified(i),
        null,
        0,
        meta(source.meta(i)),
        origin == null ? -1 : origin(origin.prefixed(prefix)));
  }

  /** Adds entry {@code i} of {@code source} with other metadata. */
  public ManifestBuilder add(Manifest source, int i, Meta meta) {
    mapTables(source);
    int origin = source.originTableSize() == 0 ? -1 : originMap[source.originIndex(i)];
    return copy(source, i, meta(meta), origin);
  }

  private void mapTables(Manifest source) {
    if (source == mapped) {
      return;
    }
    metaMap = new int[source.metaTableSize()];
    for (int m = 0; m < metaMap.length; m++) {
      metaMap[m] = meta(source.metaAt(m));
    }
    originMap = new int[source.originTableSize()];
    for (int o = 0; o < originMap.length; o++) {
      originMap[o] = origin(source.originAt(o));
    }
    mapped = source;
  }

  private ManifestBuilder copy(Manifest source, int i, int meta, int origin) {
    ensure(count + 1);
    int length = source.pathLength(i);
    growPaths(length);
    source.copyPath(i, paths, pathsUsed);
    pathStart[count] = pathsUsed;
    pathsUsed += length;
    sizes[count] = source.fileSize(i);
    mtimes[count] = source.modified(i);
    source.copyHash(i, hashes, count * Hashes.LENGTH);
    metaIndex[count] = meta;
    originIndex[count] = origin;
    count++;
    pathStart[count] = pathsUsed;
    return this;
  }

  private void growPaths(int more) {
    if (pathsUsed + more > paths.length) {
      long grown = Math.max((long) paths.length * 3 / 2, (long) pathsUsed + more);
      paths = Arrays.copyOf(paths, (int) Math.min(Integer.MAX_VALUE - 8, grown));
    }
  }

  ManifestBuilder addChecked(
      byte[] path, long size, long modified, byte[] hash, int hashOffset, int meta, int origin) {
    if (size < 0) {
      throw new InputException(where + ": negative size " + size + " for " + new String(path));
    }
    ensure(count + 1);
    growPaths(path.length);
    System.arraycopy(path, 0, paths, pathsUsed, path.length);
    pathStart[count] = pathsUsed;
    pathsUsed += path.length;
    sizes[count] = size;
    mtimes[count] = modified;
    if (hash != null) {
      if (hash.length - hashOffset < Hashes.LENGTH) {
        throw new IllegalArgumentException("a hash has 32 bytes");
      }
      System.arraycopy(hash, hashOffset, hashes, count * Hashes.LENGTH, Hashes.LENGTH);
    }
    metaIndex[count] = meta;
    originIndex[count] = origin;
    count++;
    pathStart[count] = pathsUsed;
    return this;
  }

  /** Room for {@code capacity} entries: exactly that when asked by expect(), else 1.5 times. */
  private void ensure(int capacity) {
    if (capacity <= sizes.length) {
      return;
    }
    int grown = Math.max(capacity, sizes.length + (sizes.length >> 1));
    resize(grown);
  }

  private void resize(int entries) {
    pathStart = Arrays.copyOf(pathStart, entries + 1);
    sizes = Arrays.copyOf(sizes, entries);
    mtimes = Arrays.copyOf(mtimes, entries);
    hashes = Arrays.copyOf(hashes, entries * Hashes.LENGTH);
    metaIndex = Arrays.copyOf(metaIndex, entries);
    originIndex = Arrays.copyOf(originIndex, entries);
  }

  private static int[] exact(int[] column, int length) {
    return column.length == length ? column : Arrays.copyOf(column, length);
  }

  private int compare(int a, int b) {
    return Arrays.compareUnsigned(
        paths, pathStart[a], pathStart[a + 1], paths, pathStart[b], pathStart[b + 1]);
  }

  /**
   * Sorts the entries and builds the manifest. The builder should not be used afterwards.
   *
   * @throws InputException when a path was added twice
   */
  public Manifest build() {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    IntSorter.sort(order, this::compare);
    for (int k = 1; k < count; k++) {
      if (compare(order[k - 1], order[k]) == 0) {
        int i = order[k];
        throw new InputException(
            where
                + ": the path "
                + EntryPaths.printable(
                    new String(
                        paths,
                        pathStart[i],
                        pathStart[i + 1] - pathStart[i],
                        StandardCharsets.UTF_8))
                + " appears twice");
      }
    }
    boolean inOrder = true;
    for (int k = 0; k < count && inOrder; k++) {
      inOrder = order[k] == k;
    }
    byte[] newPaths;
    int[] newStart;
    long[] newSizes;
    long[] newTimes;
    byte[] newHashes;
    int[] newMeta;
    int[] newOrigin;
    if (inOrder) {
      // columns sized exactly by expect() are handed over without a copy
      newPaths = pathsUsed == paths.length ? paths : Arrays.copyOf(paths, pathsUsed);
      newStart = exact(pathStart, count + 1);
      newSizes = sizes.length == count ? sizes : Arrays.copyOf(sizes, count);
      newTimes = mtimes.length == count ? mtimes : Arrays.copyOf(mtimes, count);
      newHashes =
          hashes.length == count * Hashes.LENGTH
              ? hashes
              : Arrays.copyOf(hashes, count * Hashes.LENGTH);
      newMeta = exact(metaIndex, count);
      newOrigin = exact(originIndex, count);
    } else {
      newPaths = new byte[pathsUsed];
      newStart = new int[count + 1];
      newSizes = new long[count];
      newTimes = new long[count];
      newHashes = new byte[count * Hashes.LENGTH];
      newMeta = new int[count];
      newOrigin = new int[count];
      int at = 0;
      for (int k = 0; k < count; k++) {
        int i = order[k];
        int length = pathStart[i + 1] - pathStart[i];
        System.arraycopy(paths, pathStart[i], newPaths, at, length);
        newStart[k] = at;
        at += length;
        newSizes[k] = sizes[i];
        newTimes[k] = mtimes[i];
        System.arraycopy(hashes, i * Hashes.LENGTH, newHashes, k * Hashes.LENGTH, Hashes.LENGTH);
        newMeta[k] = metaIndex[i];
        newOrigin[k] = originIndex[i];
      }
      newStart[count] = at;
    }
    paths = null;
    boolean anyMeta = false;
    boolean manyOrigins = origins.size() > 1;
    for (int k = 0; k < count; k++) {
      anyMeta |= newMeta[k] != 0;
      if (newOrigin[k] < 0) {
        if (!origins.isEmpty()) {
          throw new IllegalStateException("an entry without origin among entries with one");
        }
        newOrigin[k] = 0;
      }
    }
    return new Manifest(
        count,
        newPaths,
        newStart,
        newSizes,
        newTimes,
        newHashes,
        metas.toArray(new Meta[0]),
        anyMeta ? newMeta : null,
        origins.toArray(new Origin[0]),
        manyOrigins ? newOrigin : null);
  }
}
