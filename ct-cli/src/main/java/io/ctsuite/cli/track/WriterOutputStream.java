package io.ctsuite.cli.track;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to a writer, decoded as UTF-8 across writes (a character split between two writes stays
 * whole), flushed after every write so that a command's output appears as it is printed.
 */
final class WriterOutputStream extends OutputStream {
  private final PrintWriter writer;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(16);
  private final CharBuffer chars = CharBuffer.allocate(8192);

  WriterOutputStream(PrintWriter writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    ByteBuffer in;
    if (pending.position() > 0) {
      ByteBuffer joined = ByteBuffer.allocate(pending.position() + len);
      pending.flip();
      joined.put(pending).put(b, off, len).flip();
      pending.clear();
      in = joined;
    } else {
      in = ByteBuffer.wrap(b, off, len);
    }
    while (true) {
      var result = decoder.decode(in, chars, false);
      chars.flip();
      writer.append(chars);
      chars.clear();
      if (!result.isOverflow()) {
        break;
      }
    }
    if (in.hasRemaining()) {
      pending.put(in); // the start of a character whose rest comes with the next write
    }
    writer.flush();
  }

  @Override
  public synchronized void flush() {
    writer.flush();
  }
}
