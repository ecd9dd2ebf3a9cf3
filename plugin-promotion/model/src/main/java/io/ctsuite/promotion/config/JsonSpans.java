package io.ctsuite.promotion.config;

import io.ctsuite.core.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON parser that keeps where each value is in the text, so that values can be replaced in
 * place. Only what the editor needs: objects with their members, and the spans of other values.
 */
final class JsonSpans {
  /** A value's span; objects also list their members and the position of the closing brace. */
  static class Value {
    final int start;
    final int end;

    Value(int start, int end) {
      this.start = start;
      this.end = end;
    }
  }

  static final class ObjectValue extends Value {
    final List<Member> members;

    ObjectValue(int start, int end, List<Member> members) {
      super(start, end);
      this.members = members;
    }

    Member find(String key) {
      for (Member member : members) {
        if (member.key.equals(key)) {
          return member;
        }
      }
      return null;
    }

    /** The position of the closing brace. */
    int close() {
      return end - 1;
    }
  }

  /** A member: its key (decoded), where the key starts, and its value. */
  record Member(String key, int keyStart, Value value) {}

  private final String text;
  private final String fileName;
  private int pos;

  private JsonSpans(String text, String fileName) {
    this.text = text;
    this.fileName = fileName;
  }

  static Value parse(String text, String fileName) {
    JsonSpans parser = new JsonSpans(text, fileName);
    parser.skipSpace();
    Value value = parser.value();
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the JSON value");
    }
    return value;
  }

  private Value value() {
    if (pos >= text.length()) {
      throw error("unexpected end of file");
    }
    char c = text.charAt(pos);
    int start = pos;
    switch (c) {
      case '{':
        return object();
      case '[':
        pos++;
        skipSpace();
        if (peek() == ']') {
          pos++;
          return new Value(start, pos);
        }
        while (true) {
          value();
          skipSpace();
          char next = next();
          if (next == ']') {
            return new Value(start, pos);
          }
          if (next != ',') {
            throw error("expected ',' or ']' in a list");
          }
          skipSpace();
        }
      case '"':
        string();
        return new Value(start, pos);
      default:
        while (pos < text.length() && "{}[],: \t\r\n".indexOf(text.charAt(pos)) < 0) {
          pos++;
        }
        if (pos == start) {
          throw error("unexpected '" + c + "'");
        }
        return new Value(start, pos);
    }
  }

  private ObjectValue object() {
    int start = pos;
    pos++; // {
    List<Member> members = new ArrayList<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return new ObjectValue(start, pos, members);
    }
    while (true) {
      skipSpace();
      int keyStart = pos;
      if (peek() != '"') {
        throw error("expected a quoted key");
      }
      String key = string();
      skipSpace();
      if (next() != ':') {
        throw error("expected ':' after key \"" + key + "\"");
      }
      skipSpace();
      members.add(new Member(key, keyStart, value()));
      skipSpace();
      char next = next();
      if (next == '}') {
        return new ObjectValue(start, pos, members);
      }
      if (next != ',') {
        throw error("expected ',' or '}' in an object");
      }
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++; // opening quote
    while (true) {
      if (pos >= text.length()) {
        throw error("a string is not closed");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("a \\u escape is cut short");
          }
          out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> out.append(e);
      }
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of file");
    }
    return text.charAt(pos++);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private InputException error(String message) {
    int line = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new InputException(fileName + " line " + line + ": not valid JSON: " + message);
  }
}
