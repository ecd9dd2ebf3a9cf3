package io.ctsuite.tracking.capture;

import java.util.LinkedHashMap;
import java.util.Map;

/** The grammar of {@code ##ct[...]} messages; positions are 0-based offsets into the line. */
final class ServiceMessageSyntax {
  private ServiceMessageSyntax() {}

  /** A parsed message and the offset just past its closing bracket. */
  record Parsed(ServiceMessage message, int end) {}

  /** A syntax error at a column (0-based). */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    private final int column;

    Malformed(int column, String message) {
      super(message, null, false, false);
      this.column = column;
    }

    int column() {
      return column;
    }
  }

  /** Parses the message whose prefix starts at {@code start}. */
  static Parsed parse(CharSequence text, int start) throws Malformed {
    int pos = start + ServiceMessage.PREFIX.length();
    int n = text.length();
    int nameStart = pos;
    while (pos < n && isNameChar(text.charAt(pos))) {
      pos++;
    }
    if (pos == nameStart) {
      throw new Malformed(pos, "expected a message name after " + ServiceMessage.PREFIX);
    }
    String name = text.subSequence(nameStart, pos).toString();
    String single = null;
    Map<String, String> attributes = new LinkedHashMap<>();
    while (true) {
      int beforeSpace = pos;
      pos = skipSpaces(text, pos);
      if (pos >= n) {
        throw new Malformed(n, "message not closed with ']'");
      }
      char c = text.charAt(pos);
      if (c == ']') {
        return new Parsed(new ServiceMessage(name, single, attributes), pos + 1);
      }
      if (pos == beforeSpace) {
        throw new Malformed(pos, "expected a space, ']' or an attribute, found '" + c + "'");
      }
      if (c == '\'') {
        if (single != null || !attributes.isEmpty()) {
          throw new Malformed(pos, "a quoted value must be the only value of a message");
        }
        int close = closingQuote(text, pos + 1);
        single = unescape(text, pos + 1, close);
        pos = close + 1;
        continue;
      }
      if (single != null) {
        throw new Malformed(pos, "a message with a single value cannot have attributes");
      }
      int keyStart = pos;
      while (pos < n && isKeyChar(text.charAt(pos))) {
        pos++;
      }
      if (pos == keyStart) {
        throw new Malformed(pos, "expected an attribute name, found '" + c + "'");
      }
      String key = text.subSequence(keyStart, pos).toString();
      if (pos >= n || text.charAt(pos) != '=') {
        throw new Malformed(pos, "expected '=' after attribute '" + key + "'");
      }
      pos++;
      if (pos >= n || text.charAt(pos) != '\'') {
        throw new Malformed(pos, "expected a quoted value for attribute '" + key + "'");
      }
      int close = closingQuote(text, pos + 1);
      if (attributes.put(key, unescape(text, pos + 1, close)) != null) {
        throw new Malformed(keyStart, "attribute '" + key + "' given twice");
      }
      pos = close + 1;
    }
  }

  /** The offset of the quote closing a value that starts at {@code from}. */
  private static int closingQuote(CharSequence text, int from) throws Malformed {
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (c == '|') {
        i++; // the escaped character cannot close the value
      } else if (c == '\'') {
        return i;
      }
    }
    throw new Malformed(from - 1, "value not closed with a quote");
  }

  static String unescape(CharSequence text, int from, int to) throws Malformed {
    int bar = -1;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '|') {
        bar = i;
        break;
      }
    }
    if (bar < 0) {
      return text.subSequence(from, to).toString();
    }
    StringBuilder out = new StringBuilder(to - from);
    out.append(text, from, bar);
    for (int i = bar; i < to; i++) {
      char c = text.charAt(i);
      if (c != '|') {
        out.append(c);
        continue;
      }
      if (i + 1 >= to) {
        throw new Malformed(i, "'|' at the end of a value (write '||' for a bar)");
      }
      char next = text.charAt(++i);
      switch (next) {
        case '\'' -> out.append('\'');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case '[' -> out.append('[');
        case ']' -> out.append(']');
        case '|' -> out.append('|');
        case '0' -> {
          // |0xXXXX: the 'x' at i+1 and four hex digits at i+2..i+5
          if (i + 5 < to && text.charAt(i + 1) == 'x') {
            String hex = text.subSequence(i + 2, i + 6).toString();
            if (isHex(hex)) {
              out.append((char) Integer.parseInt(hex, 16));
              i += 5;
              break;
            }
          }
          throw new Malformed(i - 1, "'|0x' must be followed by 4 hex digits");
        }
        default -> throw new Malformed(i - 1, "unknown escape '|" + next + "'");
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(CharSequence text, int pos) {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
    return pos;
  }

  private static boolean isNameChar(char c) {
    return c > ' ' && c != ']' && c != '\'' && c != '[' && c != '=';
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
  }
}
