package io.ctsuite.tracking.query;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable output and bounded input of the index file's primitives (little-endian, varints). */
final class IndexBytes {
  private IndexBytes() {}

  static final class Out {
    byte[] b = new byte[1 << 16];
    int n;

    private void ensure(int more) {
      if (n + more > b.length) {
        b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
      }
    }

    void u8(int v) {
      ensure(1);
      b[n++] = (byte) v;
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7fL) != 0) {
        b[n++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      b[n++] = (byte) v;
    }

    void zigzag(long v) {
      varint((v << 1) ^ (v >> 63));
    }

    void i64(long v) {
      ensure(8);
      for (int k = 0; k < 8; k++) {
        b[n++] = (byte) (v >>> (8 * k));
      }
    }

    void f64(double v) {
      i64(Double.doubleToRawLongBits(v));
    }

    void string(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      varint(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, b, n, bytes.length);
      n += bytes.length;
    }

    /** Overwrites 8 bytes at {@code at} (a length written after the fact). */
    void i64At(int at, long v) {
      for (int k = 0; k < 8; k++) {
        b[at + k] = (byte) (v >>> (8 * k));
      }
    }
  }

  static final class In {
    final ByteBuffer buf;

    In(ByteBuffer buf) {
      this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
    }

    int u8() {
      return buf.get() & 0xff;
    }

    long varint() {
      long result = 0;
      int shift = 0;
      while (true) {
        byte x = buf.get();
        result |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          return result;
        }
        shift += 7;
        if (shift > 63) {
          throw new IllegalStateException("damaged number");
        }
      }
    }

    long zigzag() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    long i64() {
      return buf.getLong();
    }

    double f64() {
      return buf.getDouble();
    }

    String string() {
      int length = (int) varint();
      if (length < 0 || length > buf.remaining()) {
        throw new IllegalStateException("damaged text length");
      }
      byte[] bytes = new byte[length];
      buf.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
