package io.ctsuite.tracking.query;

import io.ctsuite.core.AtomicFiles;
import io.ctsuite.tracking.run.RunStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The index file ({@code <runs>/.index/runs.idx}): little-endian, {@code "CTIX"}, u8 version; the
 * runs (id, change stamp, family, name, status, times, params, tags); then per metric key its
 * column (the rows that have it, as deltas, with count, first, last, min, max and the steps of
 * last, min and max), each preceded by its byte length so that a reader can skip it and decode it
 * only when a query names the metric. The file is mapped, not read, so a cold query touches only
 * the runs section and the columns it needs.
 */
final class IndexFile {
  static final byte[] MAGIC = "CTIX".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  private IndexFile() {}

  static void write(Path file, IndexView view) {
    IndexBytes.Out out = new IndexBytes.Out();
    for (byte m : MAGIC) {
      out.u8(m);
    }
    out.u8(VERSION);
    out.varint(view.size());
    for (IndexView.Row row : view.rows()) {
      out.string(row.id());
      out.i64(row.stamp());
      out.string(row.family());
      out.string(row.name() == null ? "" : row.name());
      out.u8(row.status().ordinal());
      out.zigzag(row.startedAt());
      out.zigzag(row.endedAt());
      out.varint(row.params().size());
      for (Map.Entry<String, Object> p : row.params().entrySet()) {
        out.string(p.getKey());
        Object v = p.getValue();
        if (v instanceof Long l) {
          out.u8(1);
          out.zigzag(l);
        } else if (v instanceof Double d) {
          out.u8(2);
          out.f64(d);
        } else if (v instanceof Boolean b) {
          out.u8(3);
          out.u8(b ? 1 : 0);
        } else {
          out.u8(0);
          out.string(String.valueOf(v));
        }
      }
      out.varint(row.tags().size());
      for (Map.Entry<String, String> t : row.tags().entrySet()) {
        out.string(t.getKey());
        out.string(t.getValue());
      }
    }
    List<String> keys = new ArrayList<>(view.metricKeys());
    out.varint(keys.size());
    for (String key : keys) {
      MetricColumn c = view.metric(key);
      out.string(key);
      int lengthAt = out.n;
      out.i64(0);
      int start = out.n;
      int n = 0;
      for (int r = 0; r < c.rows(); r++) {
        if (c.has(r)) {
          n++;
        }
      }
      out.varint(n);
      int previous = 0;
      for (int r = 0; r < c.rows(); r++) {
        if (!c.has(r)) {
          continue;
        }
        out.varint(r - previous);
        previous = r;
        out.varint(c.count[r]);
        out.f64(c.first[r]);
        out.f64(c.last[r]);
        out.f64(c.min[r]);
        out.f64(c.max[r]);
        out.zigzag(c.lastStep[r]);
        out.zigzag(c.minStep[r]);
        out.zigzag(c.maxStep[r]);
      }
      out.i64At(lengthAt, out.n - start);
    }
    AtomicFiles.write(file, java.util.Arrays.copyOf(out.b, out.n));
  }

  /** Maps and reads an index file; throws on a damaged or foreign file. */
  static IndexView read(Path file) throws IOException {
    MappedByteBuffer mapped;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    }
    IndexBytes.In in = new IndexBytes.In(mapped);
    for (byte m : MAGIC) {
      if (in.u8() != (m & 0xff)) {
        throw new IOException("not an index file");
      }
    }
    if (in.u8() != VERSION) {
      throw new IOException("index version differs");
    }
    int runs = (int) in.varint();
    RunStatus[] statuses = RunStatus.values();
    List<IndexView.Row> rows = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      String id = in.string();
      long stamp = in.i64();
      String family = in.string();
      String name = in.string();
      RunStatus status = statuses[in.u8()];
      long started = in.zigzag();
      long ended = in.zigzag();
      int np = (int) in.varint();
      Map<String, Object> params = new HashMap<>(np * 2);
      for (int p = 0; p < np; p++) {
        String key = in.string();
        Object value =
            switch (in.u8()) {
              case 1 -> in.zigzag();
              case 2 -> in.f64();
              case 3 -> in.u8() == 1;
              default -> in.string();
            };
        params.put(key, value);
      }
      int nt = (int) in.varint();
      Map<String, String> tags = new HashMap<>(nt * 2);
      for (int t = 0; t < nt; t++) {
        tags.put(in.string(), in.string());
      }
      rows.add(
          new IndexView.Row(
              id,
              stamp,
              family,
              name.isEmpty() ? null : name,
              status,
              started,
              ended,
              params,
              tags));
    }
    int keys = (int) in.varint();
    Map<String, int[]> pending = new HashMap<>(keys * 2);
    for (int k = 0; k < keys; k++) {
      String key = in.string();
      long length = in.i64();
      int start = in.buf.position();
      pending.put(key, new int[] {start, (int) length});
      in.buf.position(start + (int) length);
    }
    return new IndexView(rows, Map.of(), pending, mapped);
  }

  static MetricColumn decodeColumn(ByteBuffer source, int start, int length, int rows) {
    IndexBytes.In in = new IndexBytes.In(source.duplicate().position(start).limit(start + length));
    MetricColumn column = new MetricColumn(rows);
    int n = (int) in.varint();
    int row = 0;
    for (int i = 0; i < n; i++) {
      row += (int) in.varint();
      column.count[row] = in.varint();
      column.first[row] = in.f64();
      column.last[row] = in.f64();
      column.min[row] = in.f64();
      column.max[row] = in.f64();
      column.lastStep[row] = in.zigzag();
      column.minStep[row] = in.zigzag();
      column.maxStep[row] = in.zigzag();
    }
    return column;
  }
}
