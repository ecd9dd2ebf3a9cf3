package io.ctsuite.tracking.tfevents;

/**
 * The few protobuf wire-format primitives the event decoder needs, reading straight from a byte
 * array. Positions are passed in and returned, so that decoding allocates nothing.
 */
final class Proto {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private Proto() {}

  /** Thrown for bytes that are not a valid message; cheap (no stack trace). */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** A small cursor over one message: the position and the last varint read. */
  static final class Cursor {
    byte[] b;
    int pos;
    int end;
    long varint;

    Cursor() {}

    Cursor(byte[] b, int pos, int end) {
      reset(b, pos, end);
    }

    /** Points this cursor at another message (cursors are reused: decoding allocates nothing). */
    Cursor reset(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
      return this;
    }

    boolean more() {
      return pos < end;
    }

    long readVarint() throws Malformed {
      int p0 = pos;
      if (p0 < end && b[p0] >= 0) {
        pos = p0 + 1; // one byte: field tags and small lengths, the common case
        varint = b[p0];
        return varint;
      }
      long result = 0;
      int shift = 0;
      int p = pos;
      while (true) {
        if (p >= end || shift > 63) {
          throw new Malformed("varint runs past the end of its message");
        }
        byte x = b[p++];
        result |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          break;
        }
        shift += 7;
      }
      pos = p;
      varint = result;
      return result;
    }

    /** The length of a length-delimited field; checks it fits. */
    int readLength() throws Malformed {
      long n = readVarint();
      if (n < 0 || n > end - pos) {
        throw new Malformed("field length " + n + " runs past the end of its message");
      }
      return (int) n;
    }

    double readDouble() throws Malformed {
      return Double.longBitsToDouble(readFixed64());
    }

    long readFixed64() throws Malformed {
      if (end - pos < 8) {
        throw new Malformed("fixed64 runs past the end of its message");
      }
      long v = TfRecord.readLongLE(b, pos);
      pos += 8;
      return v;
    }

    int readFixed32() throws Malformed {
      if (end - pos < 4) {
        throw new Malformed("fixed32 runs past the end of its message");
      }
      int v = TfRecord.readIntLE(b, pos);
      pos += 4;
      return v;
    }

    void skip(int wireType) throws Malformed {
      switch (wireType) {
        case VARINT -> readVarint();
        case FIXED64 -> {
          if (end - pos < 8) {
            throw new Malformed("fixed64 runs past the end of its message");
          }
          pos += 8;
        }
        case LENGTH_DELIMITED -> {
          int n = readLength();
          pos += n;
        }
        case FIXED32 -> {
          if (end - pos < 4) {
            throw new Malformed("fixed32 runs past the end of its message");
          }
          pos += 4;
        }
        default -> throw new Malformed("unsupported wire type " + wireType);
      }
    }
  }
}
