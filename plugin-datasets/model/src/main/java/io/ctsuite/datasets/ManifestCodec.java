package io.ctsuite.datasets;

import io.ctsuite.core.InputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The binary form of manifest objects: gzip of a small header (magic, kind, id, base and depth for
 * deltas), the origin and metadata tables, then the entries with front-coded paths. A full manifest
 * or a delta; an end marker and gzip's CRC catch truncation and corruption, and the registry checks
 * the resolved manifest's id against the object's name.
 */
public final class ManifestCodec {
  private static final int MAGIC = 0x4354444d; // "CTDM"
  private static final int END = 0x454e4421; // "END!"
  private static final int VERSION = 1;
  private static final int FULL = 0;
  private static final int DELTA = 1;

  private ManifestCodec() {}

  public static void write(StoredManifest object, OutputStream target) throws IOException {
    GZIPOutputStream gzip =
        new GZIPOutputStream(target, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
    Out out = new Out(new BufferedOutputStream(gzip, 1 << 16));
    out.int32(MAGIC);
    out.byte8(VERSION);
    out.byte8(object.isDelta() ? DELTA : FULL);
    out.raw(Hashes.parseHex(object.id()));
    Manifest entries;
    if (object.isDelta()) {
      out.raw(Hashes.parseHex(object.delta().baseId()));
      out.int32(object.depth());
      entries = object.delta().upserts();
    } else {
      entries = object.full();
    }
    writeEntries(entries, out);
    if (object.isDelta()) {
      PathList removed = object.delta().removed();
      out.varint(removed.size());
      byte[] previous = new byte[0];
      for (int k = 0; k < removed.size(); k++) {
        byte[] path = removed.bytes(k);
        out.frontCoded(previous, path);
        previous = path;
      }
    }
    out.int32(END);
    out.flush();
    gzip.finish();
    target.flush();
  }

  private static void writeEntries(Manifest m, Out out) throws IOException {
    out.varint(m.originTableSize());
    for (int o = 0; o < m.originTableSize(); o++) {
      Origin origin = m.originAt(o);
      out.string(origin.root());
      out.string(origin.prefix());
      out.string(origin.hashKind());
    }
    out.varint(m.metaTableSize());
    for (int t = 0; t < m.metaTableSize(); t++) {
      out.string(m.metaAt(t).canonical());
    }
    out.varint(m.size());
    long pathBytes = 0;
    for (int i = 0; i < m.size(); i++) {
      pathBytes += m.pathLength(i);
    }
    out.varlong(pathBytes);
    byte[] previous = new byte[0];
    byte[] hash = new byte[Hashes.LENGTH];
    for (int i = 0; i < m.size(); i++) {
      byte[] path = m.pathBytes(i);
      out.frontCoded(previous, path);
      previous = path;
      out.varlong(m.fileSize(i));
      out.varlong(m.modified(i) + 1);
      m.copyHash(i, hash, 0);
      out.raw(hash);
      out.varint(m.metaIndex(i));
      out.varint(m.originIndex(i));
    }
  }

  /**
   * Reads an object.
   *
   * @param name the object's name, for error messages
   * @throws InputException when the object is truncated, corrupt or holds an invalid path
   */
  public static StoredManifest read(InputStream source, String name) {
    try {
      In in = new In(new BufferedInputStream(new GZIPInputStream(source, 1 << 16), 1 << 16));
      if (in.int32() != MAGIC) {
        throw corrupt(name, "it is not a ct dataset manifest");
      }
      int version = in.byte8();
      if (version != VERSION) {
        throw corrupt(name, "format version " + version + " is not known to this ct");
      }
      int kind = in.byte8();
      if (kind != FULL && kind != DELTA) {
        throw corrupt(name, "unknown object kind " + kind);
      }
      String id = Hashes.hex(in.raw(Hashes.LENGTH));
      String baseId = null;
      int depth = 0;
      if (kind == DELTA) {
        baseId = Hashes.hex(in.raw(Hashes.LENGTH));
        depth = in.int32();
        if (depth < 1) {
          throw corrupt(name, "delta depth " + depth);
        }
      }
      Manifest entries = readEntries(in, name);
      PathList removed = PathList.EMPTY;
      if (kind == DELTA) {
        removed = readPaths(in, name);
      }
      if (in.int32() != END) {
        throw corrupt(name, "the end marker is missing");
      }
      if (in.stream.read() >= 0) {
        throw corrupt(name, "there are bytes after the end marker");
      }
      return kind == FULL
          ? fullChecked(entries, id, name)
          : StoredManifest.delta(id, new Delta(baseId, removed, entries), depth);
    } catch (ZipException e) {
      throw corrupt(name, "the compressed data is damaged (" + e.getMessage() + ")");
    } catch (EOFException e) {
      throw corrupt(name, "it is truncated");
    } catch (IOException e) {
      throw Failures.io("Could not read " + name + ": " + e.getMessage(), e);
    }
  }

  private static StoredManifest fullChecked(Manifest manifest, String id, String name) {
    if (!manifest.id().equals(id)) {
      throw corrupt(name, "its content does not match its id " + id);
    }
    return StoredManifest.full(manifest);
  }

  private static Manifest readEntries(In in, String name) throws IOException {
    int originCount = in.count(name, "origins");
    Origin[] origins = new Origin[originCount];
    for (int o = 0; o < originCount; o++) {
      origins[o] = new Origin(in.string(name), in.string(name), in.string(name));
    }
    int metaCount = in.count(name, "metadata values");
    if (metaCount < 1) {
      throw corrupt(name, "the metadata table is empty");
    }
    Meta[] metas = new Meta[metaCount];
    for (int t = 0; t < metaCount; t++) {
      String text = in.string(name);
      try {
        metas[t] = Meta.parseCanonical(text);
      } catch (InputException e) {
        throw corrupt(name, "metadata value " + t + " " + e.getMessage());
      }
    }
    int count = in.count(name, "entries");
    long pathBytes = in.varlong();
    if (pathBytes < 0 || pathBytes > Integer.MAX_VALUE - 8) {
      throw corrupt(name, "path bytes " + pathBytes);
    }
    byte[] paths = new byte[(int) pathBytes];
    int[] pathStart = new int[count + 1];
    long[] sizes = new long[count];
    long[] mtimes = new long[count];
    byte[] hashes = new byte[count * Hashes.LENGTH];
    int[] metaIndex = new int[count];
    int[] originIndex = new int[count];
    boolean anyMeta = false;
    boolean anyOrigin = false;
    int at = 0;
    int previousStart = 0;
    for (int i = 0; i < count; i++) {
      int shared = in.varint();
      int suffix = in.varint();
      int previousLength = i == 0 ? 0 : at - previousStart;
      if (shared < 0
          || shared > previousLength
          || suffix < 0
          || at + shared + suffix > paths.length) {
        throw corrupt(name, "entry " + i + " has a damaged path");
      }
      System.arraycopy(paths, previousStart, paths, at, shared);
      in.readFully(paths, at + shared, suffix);
      int length = shared + suffix;
      if (i > 0 && Arrays.compareUnsigned(paths, previousStart, at, paths, at, at + length) >= 0) {
        throw corrupt(name, "entry " + i + " is out of order or repeats a path");
      }
      String problem = pathProblem(paths, at, length);
      if (problem != null) {
        throw corrupt(
            name,
            "entry "
                + i
                + " "
                + problem
                + ": "
                + EntryPaths.printable(new String(paths, at, length, StandardCharsets.UTF_8)));
      }
      pathStart[i] = at;
      previousStart = at;
      at += length;
      sizes[i] = in.varlong();
      mtimes[i] = in.varlong() - 1;
      if (sizes[i] < 0 || mtimes[i] < -1) {
        throw corrupt(name, "entry " + i + " has a negative size or time");
      }
      in.readFully(hashes, i * Hashes.LENGTH, Hashes.LENGTH);
      metaIndex[i] = in.varint();
      originIndex[i] = in.varint();
      if (metaIndex[i] < 0 || metaIndex[i] >= metaCount) {
        throw corrupt(name, "entry " + i + " points to metadata " + metaIndex[i]);
      }
      if (originIndex[i] < 0 || (originIndex[i] >= originCount && originIndex[i] != 0)) {
        throw corrupt(name, "entry " + i + " points to origin " + originIndex[i]);
      }
      anyMeta |= metaIndex[i] != 0;
      anyOrigin |= originIndex[i] != 0;
    }
    pathStart[count] = at;
    if (at != paths.length) {
      throw corrupt(name, "the path bytes do not add up");
    }
    return new Manifest(
        count,
        paths,
        pathStart,
        sizes,
        mtimes,
        hashes,
        metas,
        anyMeta ? metaIndex : null,
        origins,
        anyOrigin ? originIndex : null);
  }

  /** {@link EntryPaths#problem} on raw bytes, decoding only when a byte is suspicious. */
  private static String pathProblem(byte[] bytes, int from, int length) {
    if (length == 0) {
      return "the path is empty";
    }
    boolean suspicious = bytes[from] == '/' || bytes[from + length - 1] == '/';
    for (int k = from; k < from + length && !suspicious; k++) {
      byte b = bytes[k];
      suspicious = b == 0 || b == '\\' || (b == '.' && (k == from || bytes[k - 1] == '/'));
      suspicious |= b == '/' && k > from && bytes[k - 1] == '/';
      suspicious |= b == ':' && k == from + 1;
    }
    return suspicious
        ? EntryPaths.problem(new String(bytes, from, length, StandardCharsets.UTF_8))
        : null;
  }

  private static PathList readPaths(In in, String name) throws IOException {
    int count = in.count(name, "removed paths");
    byte[][] items = new byte[count][];
    int total = 0;
    byte[] previous = new byte[0];
    for (int k = 0; k < count; k++) {
      int shared = in.varint();
      int suffix = in.varint();
      if (shared < 0 || shared > previous.length || suffix < 0 || suffix > 1 << 20) {
        throw corrupt(name, "removed path " + k + " is damaged");
      }
      byte[] path = Arrays.copyOf(previous, shared + suffix);
      in.readFully(path, shared, suffix);
      String problem = pathProblem(path, 0, path.length);
      if (problem != null) {
        throw corrupt(name, "removed path " + k + " " + problem);
      }
      items[k] = path;
      previous = path;
      total += path.length;
    }
    byte[] bytes = new byte[total];
    int[] start = new int[count + 1];
    int at = 0;
    for (int k = 0; k < count; k++) {
      start[k] = at;
      System.arraycopy(items[k], 0, bytes, at, items[k].length);
      at += items[k].length;
    }
    start[count] = at;
    return new PathList(bytes, start, count);
  }

  static InputException corrupt(String name, String problem) {
    return new InputException("corrupt manifest " + name + ": " + problem);
  }

  /** Buffered big-endian output with variable-length integers. */
  private static final class Out {
    private final OutputStream stream;

    Out(OutputStream stream) {
      this.stream = stream;
    }

    void byte8(int value) throws IOException {
      stream.write(value);
    }

    void int32(int value) throws IOException {
      stream.write(value >>> 24);
      stream.write(value >>> 16);
      stream.write(value >>> 8);
      stream.write(value);
    }

    void varint(int value) throws IOException {
      varlong(value & 0xffffffffL);
    }

    void varlong(long value) throws IOException {
      while ((value & ~0x7fL) != 0) {
        stream.write((int) ((value & 0x7f) | 0x80));
        value >>>= 7;
      }
      stream.write((int) value);
    }

    void raw(byte[] bytes) throws IOException {
      stream.write(bytes);
    }

    void string(String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      varint(bytes.length);
      stream.write(bytes);
    }

    void frontCoded(byte[] previous, byte[] path) throws IOException {
      int shared = Arrays.mismatch(previous, path);
      if (shared < 0) {
        shared = path.length;
      }
      shared = Math.min(shared, Math.min(previous.length, path.length));
      varint(shared);
      varint(path.length - shared);
      stream.write(path, shared, path.length - shared);
    }

    void flush() throws IOException {
      stream.flush();
    }
  }

  /** The reading side of {@link Out}. */
  private static final class In {
    private final InputStream stream;

    In(InputStream stream) {
      this.stream = stream;
    }

    int byte8() throws IOException {
      int b = stream.read();
      if (b < 0) {
        throw new EOFException();
      }
      return b;
    }

    int int32() throws IOException {
      return (byte8() << 24) | (byte8() << 16) | (byte8() << 8) | byte8();
    }

    int varint() throws IOException {
      long value = varlong();
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
      return (int) value;
    }

    long varlong() throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = byte8();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      return -1;
    }

    int count(String name, String what) throws IOException {
      int count = varint();
      if (count < 0 || count > 200_000_000) {
        throw corrupt(name, "the number of " + what + " is damaged");
      }
      return count;
    }

    byte[] raw(int length) throws IOException {
      byte[] bytes = new byte[length];
      readFully(bytes, 0, length);
      return bytes;
    }

    void readFully(byte[] target, int offset, int length) throws IOException {
      int done = 0;
      while (done < length) {
        int n = stream.read(target, offset + done, length - done);
        if (n < 0) {
          throw new EOFException();
        }
        done += n;
      }
    }

    String string(String name) throws IOException {
      int length = varint();
      if (length < 0 || length > 1 << 24) {
        throw corrupt(name, "a text field is damaged");
      }
      return new String(raw(length), StandardCharsets.UTF_8);
    }
  }
}
