package io.ctsuite.tracking.store;

import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.RunSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * The compact bulk file of a run's series ({@code metrics.series}, {@code system.series}).
 *
 * <p>Layout (little-endian): {@code "CTSR"}, u8 version, u8 flags (0), u32 series count; a
 * directory with, per series, u16 key length, the key in UTF-8, u32 points, u32 payload offset, u32
 * payload length; the payloads; a u32 CRC32C of everything before it. A payload holds the steps and
 * the wall times as zigzag varint deltas, then the values as raw IEEE doubles (NaN and ±Infinity
 * kept bit for bit). About 11 bytes a point for regular steps, against 24 raw; readers decode only
 * the series they ask for.
 */
public final class SeriesFile {
  static final byte[] MAGIC = {'C', 'T', 'S', 'R'};
  static final int VERSION = 1;

  private SeriesFile() {}

  /** Writes the series atomically. */
  public static void write(Path file, RunSeries series) {
    AtomicFiles.write(file, encode(series));
  }

  /** Reads every series. */
  public static RunSeries read(Path file) {
    return read(file, key -> true);
  }

  /**
   * Reads the series whose keys {@code wanted} accepts; an absent file reads as no series.
   *
   * @throws InputException when the file is corrupt or from a newer version, naming the file
   */
  public static RunSeries read(Path file, Predicate<String> wanted) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return RunSeries.empty();
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return decode(bytes, wanted);
    } catch (RuntimeException e) {
      if (e instanceof InputException) {
        throw new InputException(file + ": " + e.getMessage(), e);
      }
      throw new InputException(file + ": corrupt series file (" + e + ")", e);
    }
  }

  static byte[] encode(RunSeries runSeries) {
    Map<String, MetricSeries> all = runSeries.asMap();
    ByteArrayOutputStream payloads = new ByteArrayOutputStream();
    Map<String, int[]> directory = new LinkedHashMap<>();
    for (MetricSeries s : all.values()) {
      int offset = payloads.size();
      byte[] payload = payload(s);
      payloads.write(payload, 0, payload.length);
      directory.put(s.key(), new int[] {s.size(), offset, payload.length});
    }
    int directorySize = 0;
    for (String key : directory.keySet()) {
      directorySize += 2 + key.getBytes(StandardCharsets.UTF_8).length + 12;
    }
    int headerSize = 4 + 1 + 1 + 4 + directorySize;
    ByteBuffer out =
        ByteBuffer.allocate(headerSize + payloads.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) VERSION).put((byte) 0).putInt(directory.size());
    for (Map.Entry<String, int[]> e : directory.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (key.length > 0xffff) {
        throw new IllegalArgumentException("metric key longer than 65535 bytes");
      }
      out.putShort((short) key.length).put(key);
      out.putInt(e.getValue()[0]).putInt(headerSize + e.getValue()[1]).putInt(e.getValue()[2]);
    }
    out.put(payloads.toByteArray());
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  static RunSeries decode(byte[] bytes, Predicate<String> wanted) {
    if (bytes.length < 14 || !startsWithMagic(bytes)) {
      throw new InputException("not a series file (no CTSR header)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    in.position(4);
    int version = in.get() & 0xff;
    if (version > VERSION) {
      throw new InputException(
          "series file version " + version + " is newer than this ct reads (" + VERSION + ")");
    }
    in.get(); // flags
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored =
        ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if ((int) crc.getValue() != stored) {
      throw new InputException("series file checksum mismatch (the file is damaged)");
    }
    int count = in.getInt();
    Map<String, MetricSeries> series = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      int keyLength = in.getShort() & 0xffff;
      byte[] key = new byte[keyLength];
      in.get(key);
      int points = in.getInt();
      int offset = in.getInt();
      int length = in.getInt();
      String name = new String(key, StandardCharsets.UTF_8);
      if (wanted.test(name)) {
        series.put(name, decodePayload(name, bytes, offset, length, points));
      }
    }
    return new RunSeries(series);
  }

  private static boolean startsWithMagic(byte[] bytes) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] payload(MetricSeries s) {
    int n = s.size();
    byte[] buf = new byte[n * 28 + 16]; // two 10-byte varints and a double at most
    int p = 0;
    long previous = 0;
    for (int i = 0; i < n; i++) {
      p = putVarint(buf, p, zigzag(s.step(i) - previous));
      previous = s.step(i);
    }
    previous = 0;
    for (int i = 0; i < n; i++) {
      p = putVarint(buf, p, zigzag(s.wallTime(i) - previous));
      previous = s.wallTime(i);
    }
    ByteBuffer values = ByteBuffer.wrap(buf, p, n * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      values.putLong(Double.doubleToRawLongBits(s.value(i)));
    }
    return java.util.Arrays.copyOf(buf, p + n * 8);
  }

  private static MetricSeries decodePayload(
      String key, byte[] bytes, int offset, int length, int n) {
    if (offset < 0 || length < 0 || offset + length > bytes.length - 4 || n < 0) {
      throw new InputException("series '" + key + "' points outside the file");
    }
    long[] steps = new long[n];
    long[] times = new long[n];
    double[] values = new double[n];
    int[] pos = {offset};
    long previous = 0;
    for (int i = 0; i < n; i++) {
      previous += unzigzag(getVarint(bytes, pos));
      steps[i] = previous;
    }
    previous = 0;
    for (int i = 0; i < n; i++) {
      previous += unzigzag(getVarint(bytes, pos));
      times[i] = previous;
    }
    if (pos[0] + n * 8L != offset + (long) length) {
      throw new InputException("series '" + key + "' has a damaged payload");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, pos[0], n * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      values[i] = Double.longBitsToDouble(in.getLong());
    }
    return new MetricSeries(key, steps, times, values);
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static int putVarint(byte[] b, int p, long v) {
    while ((v & ~0x7fL) != 0) {
      b[p++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    return p;
  }

  private static long getVarint(byte[] b, int[] pos) {
    long result = 0;
    int shift = 0;
    int p = pos[0];
    while (true) {
      byte x = b[p++];
      result |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        break;
      }
      shift += 7;
      if (shift > 63) {
        throw new InputException("damaged number in a series payload");
      }
    }
    pos[0] = p;
    return result;
  }
}
