package io.ctsuite.tracking.tfevents;

import java.util.zip.CRC32C;

/**
 * The TFRecord framing of TensorBoard event files: {@code u64 length}, {@code u32 masked
 * CRC32C(length bytes)}, {@code data}, {@code u32 masked CRC32C(data)}, all little-endian.
 */
public final class TfRecord {
  /** Bytes before the data: the length and its checksum. */
  public static final int HEADER = 12;

  /** Bytes after the data: its checksum. */
  public static final int FOOTER = 4;

  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecord() {}

  /** TensorFlow's mask, so that a CRC of data holding CRCs stays well distributed. */
  public static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /** The masked CRC32C of {@code b[off, off+len)}, reusing {@code crc}. */
  public static int maskedCrc(CRC32C crc, byte[] b, int off, int len) {
    crc.reset();
    crc.update(b, off, len);
    return mask((int) crc.getValue());
  }

  static long readLongLE(byte[] b, int i) {
    return (b[i] & 0xffL)
        | (b[i + 1] & 0xffL) << 8
        | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24
        | (b[i + 4] & 0xffL) << 32
        | (b[i + 5] & 0xffL) << 40
        | (b[i + 6] & 0xffL) << 48
        | (b[i + 7] & 0xffL) << 56;
  }

  static int readIntLE(byte[] b, int i) {
    return (b[i] & 0xff)
        | (b[i + 1] & 0xff) << 8
        | (b[i + 2] & 0xff) << 16
        | (b[i + 3] & 0xff) << 24;
  }

  static void writeLongLE(byte[] b, int i, long v) {
    for (int k = 0; k < 8; k++) {
      b[i + k] = (byte) (v >>> (8 * k));
    }
  }

  static void writeIntLE(byte[] b, int i, int v) {
    for (int k = 0; k < 4; k++) {
      b[i + k] = (byte) (v >>> (8 * k));
    }
  }
}
