package io.ctsuite.promotion.gate;

import io.ctsuite.core.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as written by Python's csv module, pandas and spreadsheets (RFC 4180): quoted fields
 * may hold the delimiter, doubled quotes and line breaks. Each record remembers the line it starts
 * on, so that errors can name it.
 */
final class CsvRecords {
  /** One record and the 1-based line it starts on. */
  record Record(int line, List<String> fields) {}

  private final Reader in;
  private final char delimiter;
  private final String source;
  private int line = 1;
  private int peeked = -2;

  CsvRecords(Reader in, char delimiter, String source) {
    this.in = in;
    this.delimiter = delimiter;
    this.source = source;
  }

  /** The next record, or null at the end of the input. Blank lines are skipped. */
  Record next() {
    int c = read();
    while (c == '\n' || c == '\r') {
      c = read();
    }
    if (c == -1) {
      return null;
    }
    int start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          throw new InputException(
              source + " line " + start + ": a quoted field is not closed before the end of file");
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          field.append((char) c);
        }
        c = read();
        continue;
      }
      if (c == -1 || c == '\n' || c == '\r') {
        fields.add(field.toString());
        if (c == '\r') {
          int d = read();
          if (d != '\n') {
            unread(d);
          }
        }
        return new Record(start, fields);
      }
      if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() {
    int c;
    if (peeked != -2) {
      c = peeked;
      peeked = -2;
    } else {
      try {
        c = in.read();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + source + ": " + e.getMessage(), e);
      }
    }
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private void unread(int c) {
    if (c == '\n') {
      line--;
    }
    peeked = c;
  }
}
