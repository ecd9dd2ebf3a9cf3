package io.ctsuite.tracking.tfevents;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Writes TensorBoard event files: scalars the way PyTorch's {@code SummaryWriter} does ({@code
 * simple_value}) or the way TF2's {@code tf.summary.scalar} does (a float tensor, with the
 * "scalars" plugin declared on a tag's first value). Used to produce test and benchmark data, and
 * by tools that convert metrics for TensorBoard.
 */
public final class EventFileWriter implements Closeable {
  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private final byte[] header = new byte[TfRecord.HEADER];
  private final byte[] footer = new byte[TfRecord.FOOTER];
  private final ByteArrayOutputStream event = new ByteArrayOutputStream(128);
  private final Set<String> declared = new HashSet<>();

  /** Starts a file with the {@code brain.Event:2} version record, as every writer does. */
  public EventFileWriter(OutputStream out, double wallTime) throws IOException {
    this.out = out;
    event.reset();
    fixed64(event, 1, Double.doubleToRawLongBits(wallTime));
    bytes(event, 3, "brain.Event:2".getBytes(StandardCharsets.UTF_8));
    record(event.toByteArray());
  }

  /** A PyTorch-style scalar: {@code Summary.Value{tag, simple_value}}. */
  public void scalar(String tag, long step, double wallTime, float value) throws IOException {
    ByteArrayOutputStream v = new ByteArrayOutputStream(32);
    bytes(v, 1, tag.getBytes(StandardCharsets.UTF_8));
    fixed32(v, 2, Float.floatToRawIntBits(value));
    writeEvent(step, wallTime, v.toByteArray());
  }

  /** A TF2-style scalar: a DT_FLOAT scalar tensor, plugin "scalars" declared once per tag. */
  public void tensorScalar(String tag, long step, double wallTime, float value) throws IOException {
    ByteArrayOutputStream v = new ByteArrayOutputStream(64);
    bytes(v, 1, tag.getBytes(StandardCharsets.UTF_8));
    if (declared.add(tag)) {
      ByteArrayOutputStream plugin = new ByteArrayOutputStream();
      bytes(plugin, 1, "scalars".getBytes(StandardCharsets.UTF_8));
      ByteArrayOutputStream metadata = new ByteArrayOutputStream();
      bytes(metadata, 1, plugin.toByteArray());
      bytes(v, 9, metadata.toByteArray());
    }
    ByteArrayOutputStream tensor = new ByteArrayOutputStream(16);
    varint(tensor, 1 << 3, 1); // dtype DT_FLOAT
    bytes(tensor, 2, new byte[0]); // shape: a scalar
    byte[] content = new byte[4];
    TfRecord.writeIntLE(content, 0, Float.floatToRawIntBits(value));
    bytes(tensor, 4, content);
    bytes(v, 8, tensor.toByteArray());
    writeEvent(step, wallTime, v.toByteArray());
  }

  /** An event whose summary holds one value with an image of {@code size} bytes. */
  public void image(String tag, long step, double wallTime, int size) throws IOException {
    ByteArrayOutputStream image = new ByteArrayOutputStream(size + 16);
    varint(image, 1 << 3, 1);
    varint(image, 2 << 3, 1);
    bytes(image, 4, new byte[size]);
    ByteArrayOutputStream v = new ByteArrayOutputStream(size + 32);
    bytes(v, 1, tag.getBytes(StandardCharsets.UTF_8));
    bytes(v, 4, image.toByteArray());
    writeEvent(step, wallTime, v.toByteArray());
  }

  /** Writes one framed record with any data. */
  public void record(byte[] data) throws IOException {
    TfRecord.writeLongLE(header, 0, data.length);
    TfRecord.writeIntLE(header, 8, TfRecord.maskedCrc(crc, header, 0, 8));
    TfRecord.writeIntLE(footer, 0, TfRecord.maskedCrc(crc, data, 0, data.length));
    out.write(header);
    out.write(data);
    out.write(footer);
  }

  private void writeEvent(long step, double wallTime, byte[] value) throws IOException {
    ByteArrayOutputStream summary = new ByteArrayOutputStream(value.length + 4);
    bytes(summary, 1, value);
    event.reset();
    fixed64(event, 1, Double.doubleToRawLongBits(wallTime));
    varint(event, 2 << 3, step);
    bytes(event, 5, summary.toByteArray());
    record(event.toByteArray());
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private static void varint(ByteArrayOutputStream out, int tag, long value) {
    rawVarint(out, tag);
    rawVarint(out, value);
  }

  private static void rawVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static void fixed64(ByteArrayOutputStream out, int field, long bits) {
    rawVarint(out, (field << 3) | Proto.FIXED64);
    for (int k = 0; k < 8; k++) {
      out.write((int) (bits >>> (8 * k)));
    }
  }

  private static void fixed32(ByteArrayOutputStream out, int field, int bits) {
    rawVarint(out, (field << 3) | Proto.FIXED32);
    for (int k = 0; k < 4; k++) {
      out.write(bits >>> (8 * k));
    }
  }

  private static void bytes(ByteArrayOutputStream out, int field, byte[] data) {
    rawVarint(out, (field << 3) | Proto.LENGTH_DELIMITED);
    rawVarint(out, data.length);
    out.write(data, 0, data.length);
  }
}
