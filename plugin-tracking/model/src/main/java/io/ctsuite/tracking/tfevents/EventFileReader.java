package io.ctsuite.tracking.tfevents;

import io.ctsuite.tracking.capture.CaptureProblem;
import io.ctsuite.tracking.capture.CaptureSink;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Reads the scalars of a TensorBoard event file ({@code events.out.tfevents.*}) into a {@link
 * CaptureSink}, safely on a file that is still being written.
 *
 * <ul>
 *   <li>Both checksums of every record are verified.
 *   <li>An incomplete last record is not an error: reading stops before it and {@link
 *       Result#resumeOffset()} says where to continue once the writer has finished it.
 *   <li>A record whose data checksum fails is skipped with a warning naming the file and offset; a
 *       record whose length checksum fails is skipped by searching for the next valid record.
 *       Everything valid around them is kept.
 * </ul>
 *
 * Keep one reader per file to resume: it remembers which plugin each tag belongs to (TF2 writes
 * that only with a tag's first value). Not thread-safe.
 */
public final class EventFileReader {
  /** Records larger than this are taken for corruption rather than allocated. */
  static final long MAX_RECORD = 1L << 30;

  private static final int BUFFER = 1 << 22;

  private final String source;
  private final CaptureSink sink;
  private final EventDecoder decoder;
  private final CRC32C crc = new CRC32C();

  /**
   * The outcome of one read.
   *
   * @param resumeOffset where the next read of the same file should start
   * @param records complete records read (valid or not)
   * @param points metric points reported
   * @param bytes bytes consumed
   * @param truncatedTail whether the file ended inside a record (still being written, or cut)
   * @param corrupt records or regions skipped because of bad checksums or bad contents
   */
  public record Result(
      long resumeOffset, long records, long points, long bytes, boolean truncatedTail, int corrupt)
      implements Serializable {}

  /**
   * @param source the file name used in warnings
   * @param sink receives the scalars as metric points, hparams as params, and warnings
   */
  public EventFileReader(String source, CaptureSink sink) {
    this(source, sink, "");
  }

  /**
   * @param keyPrefix put before every tag, e.g. {@code "validation/"} for the event files of a
   *     sub-directory, so that the same tag in two sub-runs stays two metrics
   */
  public EventFileReader(String source, CaptureSink sink, String keyPrefix) {
    this.source = Objects.requireNonNull(source, "source");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.decoder = new EventDecoder(sink, keyPrefix);
  }

  /** Reads {@code file} from byte {@code offset} to its current end. */
  public Result read(Path file, long offset) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.position(offset);
      return read(channel, offset);
    }
  }

  /**
   * Reads a channel to its end; {@code offset} is the file position the channel is at, used for the
   * offsets in warnings and in the result.
   */
  public Result read(ReadableByteChannel channel, long offset) throws IOException {
    return new Pass(channel, offset).run();
  }

  /** One read: a buffer window over the file. */
  private final class Pass {
    private final ReadableByteChannel channel;
    private byte[] buf = new byte[BUFFER];
    private long base; // file offset of buf[0]
    private int start;
    private int limit;
    private boolean eof;
    private long records;
    private int corrupt;
    private final long pointsBefore = decoder.points();
    private final long first;

    Pass(ReadableByteChannel channel, long offset) {
      this.channel = channel;
      this.base = offset;
      this.first = offset;
    }

    Result run() throws IOException {
      boolean truncated = false;
      while (true) {
        int available = limit - start;
        if (available < TfRecord.HEADER) {
          if (eof) {
            truncated = available > 0;
            break;
          }
          fill();
          continue;
        }
        long length = TfRecord.readLongLE(buf, start);
        int lengthCrc = TfRecord.readIntLE(buf, start + 8);
        if (TfRecord.maskedCrc(crc, buf, start, 8) != lengthCrc
            || length < 0
            || length > MAX_RECORD) {
          if (!resync()) {
            truncated = limit > start;
            break;
          }
          continue;
        }
        long total = TfRecord.HEADER + length + TfRecord.FOOTER;
        if (available < total) {
          if (eof) {
            truncated = true;
            break;
          }
          if (total > buf.length) {
            grow((int) total);
          }
          fill();
          continue;
        }
        int dataStart = start + TfRecord.HEADER;
        int dataLength = (int) length;
        records++;
        if (TfRecord.maskedCrc(crc, buf, dataStart, dataLength)
            != TfRecord.readIntLE(buf, dataStart + dataLength)) {
          corrupt++;
          warn(
              base + start,
              "record data checksum mismatch; skipped the record (" + length + " bytes)");
        } else {
          try {
            decoder.event(buf, dataStart, dataLength);
          } catch (Proto.Malformed e) {
            corrupt++;
            warn(base + start, "record is no valid event (" + e.getMessage() + "); skipped");
          }
        }
        start += (int) total;
      }
      long resume = base + start;
      return new Result(
          resume, records, decoder.points() - pointsBefore, resume - first, truncated, corrupt);
    }

    /**
     * After a bad record header at {@code start}: moves to the next offset where a header checks
     * out. Returns false when the input ended first (start then points at the first offset that
     * could not be checked yet).
     */
    private boolean resync() throws IOException {
      long bad = base + start;
      corrupt++;
      start++;
      while (true) {
        if (limit - start < TfRecord.HEADER) {
          if (eof) {
            warn(
                bad,
                "record header checksum mismatch; no valid record after it ("
                    + (base + start - bad)
                    + " bytes skipped)");
            return false;
          }
          fill();
          continue;
        }
        long length = TfRecord.readLongLE(buf, start);
        if (length >= 0
            && length <= MAX_RECORD
            && TfRecord.maskedCrc(crc, buf, start, 8) == TfRecord.readIntLE(buf, start + 8)) {
          warn(
              bad,
              "record header checksum mismatch; skipped "
                  + (base + start - bad)
                  + " bytes to the next valid record at byte "
                  + (base + start));
          return true;
        }
        start++;
      }
    }

    /** Moves the unread bytes to the front and reads as much as fits. */
    private void fill() throws IOException {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, limit - start);
        base += start;
        limit -= start;
        start = 0;
      }
      ByteBuffer target = ByteBuffer.wrap(buf, limit, buf.length - limit);
      while (target.hasRemaining()) {
        int n = channel.read(target);
        if (n < 0) {
          eof = true;
          break;
        }
        if (n == 0) {
          // a non-blocking channel with nothing more now: treat as the current end
          eof = true;
          break;
        }
      }
      limit = target.position();
    }

    private void grow(int needed) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }

  private void warn(long offset, String message) {
    sink.problem(CaptureProblem.atOffset(source, offset, message));
  }
}
