package io.ctsuite.tracking.tfevents;

import io.ctsuite.tracking.capture.CaptureSink;
import java.nio.charset.StandardCharsets;

/**
 * Reads the hyperparameters of a run from the "hparams" plugin's {@code SessionStartInfo}
 * (tensorboard/plugins/hparams/plugin_data.proto): {@code HParamsPluginData.session_start_info =
 * 3}, whose {@code hparams = 1} map holds {@code google.protobuf.Value}s.
 */
final class HParams {
  private static final int SESSION_START_INFO = 3;
  private static final int HPARAMS_MAP = 1;
  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;
  private static final int NUMBER_VALUE = 2;
  private static final int STRING_VALUE = 3;
  private static final int BOOL_VALUE = 4;

  private HParams() {}

  static void read(byte[] b, int start, int end, CaptureSink sink) throws Proto.Malformed {
    Proto.Cursor c = new Proto.Cursor(b, start, end);
    while (c.more()) {
      int tag = (int) c.readVarint();
      if (tag >>> 3 == SESSION_START_INFO && (tag & 7) == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        sessionStart(b, c.pos, c.pos + n, sink);
        c.pos += n;
      } else {
        c.skip(tag & 7);
      }
    }
  }

  private static void sessionStart(byte[] b, int start, int end, CaptureSink sink)
      throws Proto.Malformed {
    Proto.Cursor c = new Proto.Cursor(b, start, end);
    while (c.more()) {
      int tag = (int) c.readVarint();
      if (tag >>> 3 == HPARAMS_MAP && (tag & 7) == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        entry(b, c.pos, c.pos + n, sink);
        c.pos += n;
      } else {
        c.skip(tag & 7);
      }
    }
  }

  private static void entry(byte[] b, int start, int end, CaptureSink sink) throws Proto.Malformed {
    Proto.Cursor c = new Proto.Cursor(b, start, end);
    String key = null;
    Object value = null;
    while (c.more()) {
      int tag = (int) c.readVarint();
      int field = tag >>> 3;
      if (field == ENTRY_KEY && (tag & 7) == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        key = new String(b, c.pos, n, StandardCharsets.UTF_8);
        c.pos += n;
      } else if (field == ENTRY_VALUE && (tag & 7) == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        value = value(b, c.pos, c.pos + n);
        c.pos += n;
      } else {
        c.skip(tag & 7);
      }
    }
    if (key != null && value != null) {
      sink.param(key, value);
    }
  }

  /** A google.protobuf.Value: a number (whole numbers as Long), text or a boolean. */
  private static Object value(byte[] b, int start, int end) throws Proto.Malformed {
    Proto.Cursor c = new Proto.Cursor(b, start, end);
    Object value = null;
    while (c.more()) {
      int tag = (int) c.readVarint();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == NUMBER_VALUE && wire == Proto.FIXED64) {
        double d = c.readDouble();
        value = d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
      } else if (field == STRING_VALUE && wire == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        value = new String(b, c.pos, n, StandardCharsets.UTF_8);
        c.pos += n;
      } else if (field == BOOL_VALUE && wire == Proto.VARINT) {
        value = c.readVarint() != 0;
      } else {
        c.skip(wire);
      }
    }
    return value;
  }
}
