package io.ctsuite.tracking.tfevents;

import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.run.MetricPoint;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the {@code Event} protocol buffer of TensorBoard event files and reports its scalars:
 * {@code Summary.Value.simple_value} (PyTorch, tensorboardX, TF1) and TF2 scalar tensors (plugin
 * "scalars", or a tag without a known plugin whose tensor holds one number). Images, audio,
 * histograms, graphs and text are skipped by their length without being decoded. Hyperparameters of
 * the "hparams" plugin (PyTorch Lightning, Keras HParams) are reported as params.
 *
 * <p>Field numbers follow tensorflow/core/util/event.proto, framework/summary.proto and
 * framework/tensor.proto.
 */
final class EventDecoder {
  // Event
  private static final int EVENT_WALL_TIME = 1;
  private static final int EVENT_STEP = 2;
  private static final int EVENT_SUMMARY = 5;
  // Summary
  private static final int SUMMARY_VALUE = 1;
  // Summary.Value
  private static final int VALUE_TAG = 1;
  private static final int VALUE_SIMPLE = 2;
  private static final int VALUE_TENSOR = 8;
  private static final int VALUE_METADATA = 9;
  // SummaryMetadata / PluginData
  private static final int METADATA_PLUGIN_DATA = 1;
  private static final int PLUGIN_NAME = 1;
  private static final int PLUGIN_CONTENT = 2;
  // TensorProto
  private static final int TENSOR_DTYPE = 1;
  private static final int TENSOR_SHAPE = 2;
  private static final int TENSOR_CONTENT = 4;
  private static final int TENSOR_FLOAT_VAL = 5;
  private static final int TENSOR_DOUBLE_VAL = 6;
  private static final int TENSOR_INT_VAL = 7;
  private static final int TENSOR_INT64_VAL = 10;
  private static final int TENSOR_HALF_VAL = 13;
  // TensorShapeProto
  private static final int SHAPE_DIM = 2;
  private static final int DIM_SIZE = 1;
  // DataType
  private static final int DT_FLOAT = 1;
  private static final int DT_DOUBLE = 2;
  private static final int DT_INT32 = 3;
  private static final int DT_INT64 = 9;
  private static final int DT_BFLOAT16 = 14;
  private static final int DT_HALF = 19;

  private static final String SCALARS = "scalars";
  private static final String HPARAMS = "hparams";

  private final CaptureSink sink;
  private final TagCache tags;

  /** The plugin each tag declared in its first value's metadata (TF2 writes it only once). */
  private final Map<String, String> plugins = new HashMap<>();

  private long points;

  // one cursor per nesting level, reused for every record
  private final Proto.Cursor eventCursor = new Proto.Cursor();
  private final Proto.Cursor summaryCursor = new Proto.Cursor();
  private final Proto.Cursor valueCursor = new Proto.Cursor();
  private final Proto.Cursor metadataCursor = new Proto.Cursor();
  private final Proto.Cursor pluginCursor = new Proto.Cursor();
  private final Proto.Cursor tensorCursor = new Proto.Cursor();
  private final Proto.Cursor shapeCursor = new Proto.Cursor();
  private final Proto.Cursor dimCursor = new Proto.Cursor();

  EventDecoder(CaptureSink sink, String keyPrefix) {
    this.sink = sink;
    this.tags = new TagCache(keyPrefix);
  }

  long points() {
    return points;
  }

  /** Decodes one event record. */
  void event(byte[] b, int off, int len) throws Proto.Malformed {
    Proto.Cursor c = eventCursor.reset(b, off, off + len);
    double wallTime = 0;
    long step = 0;
    int summaryStart = -1;
    int summaryEnd = -1;
    while (c.more()) {
      int tag = (int) c.readVarint();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == EVENT_WALL_TIME && wire == Proto.FIXED64) {
        wallTime = c.readDouble();
      } else if (field == EVENT_STEP && wire == Proto.VARINT) {
        step = c.readVarint();
      } else if (field == EVENT_SUMMARY && wire == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        summaryStart = c.pos;
        summaryEnd = c.pos + n;
        c.pos = summaryEnd;
      } else {
        c.skip(wire);
      }
    }
    if (summaryStart >= 0) {
      summary(b, summaryStart, summaryEnd, step, Math.round(wallTime * 1000.0));
    }
  }

  private void summary(byte[] b, int start, int end, long step, long wallTime)
      throws Proto.Malformed {
    Proto.Cursor c = summaryCursor.reset(b, start, end);
    while (c.more()) {
      int tag = (int) c.readVarint();
      if (tag >>> 3 == SUMMARY_VALUE && (tag & 7) == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        value(b, c.pos, c.pos + n, step, wallTime);
        c.pos += n;
      } else {
        c.skip(tag & 7);
      }
    }
  }

  private void value(byte[] b, int start, int end, long step, long wallTime)
      throws Proto.Malformed {
    Proto.Cursor c = valueCursor.reset(b, start, end);
    String key = null;
    boolean hasSimple = false;
    float simple = 0;
    int tensorStart = -1;
    int tensorEnd = -1;
    String plugin = null;
    int contentStart = -1;
    int contentEnd = -1;
    while (c.more()) {
      int tag = (int) c.readVarint();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == VALUE_TAG && wire == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        key = tags.key(b, c.pos, n);
        c.pos += n;
      } else if (field == VALUE_SIMPLE && wire == Proto.FIXED32) {
        simple = Float.intBitsToFloat(c.readFixed32());
        hasSimple = true;
      } else if (field == VALUE_TENSOR && wire == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        tensorStart = c.pos;
        tensorEnd = c.pos + n;
        c.pos = tensorEnd;
      } else if (field == VALUE_METADATA && wire == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        int metaEnd = c.pos + n;
        Proto.Cursor m = metadataCursor.reset(b, c.pos, metaEnd);
        while (m.more()) {
          int mt = (int) m.readVarint();
          if (mt >>> 3 == METADATA_PLUGIN_DATA && (mt & 7) == Proto.LENGTH_DELIMITED) {
            int pn = m.readLength();
            Proto.Cursor p = pluginCursor.reset(b, m.pos, m.pos + pn);
            while (p.more()) {
              int pt = (int) p.readVarint();
              if (pt >>> 3 == PLUGIN_NAME && (pt & 7) == Proto.LENGTH_DELIMITED) {
                int len = p.readLength();
                plugin = new String(b, p.pos, len, StandardCharsets.UTF_8);
                p.pos += len;
              } else if (pt >>> 3 == PLUGIN_CONTENT && (pt & 7) == Proto.LENGTH_DELIMITED) {
                int len = p.readLength();
                contentStart = p.pos;
                contentEnd = p.pos + len;
                p.pos += len;
              } else {
                p.skip(pt & 7);
              }
            }
            m.pos += pn;
          } else {
            m.skip(mt & 7);
          }
        }
        c.pos = metaEnd;
      } else {
        c.skip(wire); // images, histograms, audio: skipped by length
      }
    }
    if (key == null) {
      return;
    }
    if (plugin != null) {
      plugins.put(key, plugin);
      if (plugin.equals(HPARAMS) && contentStart >= 0) {
        HParams.read(b, contentStart, contentEnd, sink);
      }
    }
    if (hasSimple) {
      emit(key, step, wallTime, simple);
    } else if (tensorStart >= 0) {
      String declared = plugin != null ? plugin : plugins.get(key);
      if (declared == null || declared.equals(SCALARS)) {
        if (scalarTensor(b, tensorStart, tensorEnd)) {
          emit(key, step, wallTime, tensorValue);
        }
      }
    }
  }

  /** The value found by the last successful {@link #scalarTensor} call. */
  private double tensorValue;

  private void emit(String key, long step, long wallTime, double value) {
    sink.metric(new MetricPoint(key, step, wallTime, value));
    points++;
  }

  /**
   * Whether the tensor is a numeric scalar; its value goes to {@link #tensorValue}. Strings,
   * histogram matrices and empty tensors are not.
   */
  private boolean scalarTensor(byte[] b, int start, int end) throws Proto.Malformed {
    Proto.Cursor c = tensorCursor.reset(b, start, end);
    int dtype = 0;
    int contentStart = -1;
    int contentLength = 0;
    boolean found = false;
    double value = Double.NaN;
    while (c.more()) {
      int tag = (int) c.readVarint();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == TENSOR_DTYPE && wire == Proto.VARINT) {
        dtype = (int) c.readVarint();
      } else if (field == TENSOR_SHAPE && wire == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        if (!isScalarShape(b, c.pos, c.pos + n)) {
          return false;
        }
        c.pos += n;
      } else if (field == TENSOR_CONTENT && wire == Proto.LENGTH_DELIMITED) {
        contentLength = c.readLength();
        contentStart = c.pos;
        c.pos += contentLength;
      } else if (!found && field == TENSOR_FLOAT_VAL) {
        if (wire == Proto.FIXED32) {
          value = Float.intBitsToFloat(c.readFixed32());
          found = true;
        } else if (wire == Proto.LENGTH_DELIMITED) {
          int n = c.readLength();
          if (n >= 4) {
            value = Float.intBitsToFloat(TfRecord.readIntLE(b, c.pos));
            found = true;
          }
          c.pos += n;
        } else {
          c.skip(wire);
        }
      } else if (!found && field == TENSOR_DOUBLE_VAL) {
        if (wire == Proto.FIXED64) {
          value = c.readDouble();
          found = true;
        } else if (wire == Proto.LENGTH_DELIMITED) {
          int n = c.readLength();
          if (n >= 8) {
            value = Double.longBitsToDouble(TfRecord.readLongLE(b, c.pos));
            found = true;
          }
          c.pos += n;
        } else {
          c.skip(wire);
        }
      } else if (!found
          && (field == TENSOR_INT_VAL || field == TENSOR_INT64_VAL || field == TENSOR_HALF_VAL)) {
        long raw;
        if (wire == Proto.VARINT) {
          raw = c.readVarint();
        } else if (wire == Proto.LENGTH_DELIMITED) {
          int n = c.readLength();
          int after = c.pos + n;
          if (n == 0) {
            continue;
          }
          raw = c.readVarint();
          c.pos = after;
        } else {
          c.skip(wire);
          continue;
        }
        if (field == TENSOR_HALF_VAL) {
          value = dtype == DT_BFLOAT16 ? bfloat16((int) raw) : half((int) raw);
        } else {
          value = field == TENSOR_INT_VAL ? (int) raw : raw;
        }
        found = true;
      } else {
        c.skip(wire);
      }
    }
    if (!found && contentStart >= 0) {
      switch (dtype) {
        case DT_FLOAT -> {
          if (contentLength >= 4) {
            value = Float.intBitsToFloat(TfRecord.readIntLE(b, contentStart));
            found = true;
          }
        }
        case DT_DOUBLE -> {
          if (contentLength >= 8) {
            value = Double.longBitsToDouble(TfRecord.readLongLE(b, contentStart));
            found = true;
          }
        }
        case DT_INT32 -> {
          if (contentLength >= 4) {
            value = TfRecord.readIntLE(b, contentStart);
            found = true;
          }
        }
        case DT_INT64 -> {
          if (contentLength >= 8) {
            value = TfRecord.readLongLE(b, contentStart);
            found = true;
          }
        }
        case DT_HALF, DT_BFLOAT16 -> {
          if (contentLength >= 2) {
            int bits = (b[contentStart] & 0xff) | (b[contentStart + 1] & 0xff) << 8;
            value = dtype == DT_HALF ? half(bits) : bfloat16(bits);
            found = true;
          }
        }
        default -> {
          // strings, booleans, complex numbers: not a scalar metric
        }
      }
    }
    tensorValue = value;
    return found;
  }

  /** Whether a TensorShapeProto has no dimension larger than 1 (a scalar, or [1], [1,1]). */
  private boolean isScalarShape(byte[] b, int start, int end) throws Proto.Malformed {
    Proto.Cursor c = shapeCursor.reset(b, start, end);
    while (c.more()) {
      int tag = (int) c.readVarint();
      if (tag >>> 3 == SHAPE_DIM && (tag & 7) == Proto.LENGTH_DELIMITED) {
        int n = c.readLength();
        Proto.Cursor d = dimCursor.reset(b, c.pos, c.pos + n);
        while (d.more()) {
          int dt = (int) d.readVarint();
          if (dt >>> 3 == DIM_SIZE && (dt & 7) == Proto.VARINT) {
            if (d.readVarint() != 1) {
              return false;
            }
          } else {
            d.skip(dt & 7);
          }
        }
        c.pos += n;
      } else {
        c.skip(tag & 7);
      }
    }
    return true;
  }

  /** IEEE 754 half precision to double. */
  static double half(int bits) {
    int sign = (bits >>> 15) & 1;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    double magnitude;
    if (exponent == 0) {
      magnitude = mantissa * Math.pow(2, -24);
    } else if (exponent == 31) {
      magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      magnitude = (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  static double bfloat16(int bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
