package io.ctsuite.promotion.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits JSON text in place: values are replaced within their span, new members are written before
 * the closing brace with the indentation of their siblings (or inline in one-line JSON).
 */
final class JsonConfigEditor implements ConfigEditor {
  private final String fileName;

  JsonConfigEditor(String fileName) {
    this.fileName = fileName;
  }

  @Override
  public Object get(String text, KeyPath path) {
    Object value = load(text);
    for (String segment : path.segments()) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(segment);
    }
    return value;
  }

  @Override
  public String set(String text, KeyPath path, Map<String, ?> fields) {
    String edited;
    if (text.isBlank()) {
      edited = render(YamlConfigEditor.nest(path.segments(), fields), "", "  ", "\n") + "\n";
    } else {
      edited = new Session(text).run(path, fields);
    }
    Object expected =
        ConfigTrees.apply(ConfigTrees.copy(load(text.isBlank() ? "{}" : text)), path, fields);
    if (!ConfigTrees.same(expected, load(edited))) {
      throw new IllegalStateException(
          fileName + ": could not edit " + path + " safely; please report this with the file");
    }
    return edited;
  }

  private final class Session {
    private final String text;
    private final TextEdits edits = new TextEdits();
    private final String newline;
    private final String step;

    Session(String text) {
      this.text = text;
      this.newline = text.contains("\r\n") ? "\r\n" : "\n";
      this.step = detectStep(text);
    }

    String run(KeyPath path, Map<String, ?> fields) {
      JsonSpans.Value root = JsonSpans.parse(text, fileName);
      if (!(root instanceof JsonSpans.ObjectValue object)) {
        throw new InputException(fileName + ": the top level is not an object");
      }
      List<String> segments = path.segments();
      for (int depth = 0; depth < segments.size(); depth++) {
        JsonSpans.Member member = object.find(segments.get(depth));
        if (member == null) {
          Map<String, Object> added = new LinkedHashMap<>();
          added.put(
              segments.get(depth),
              YamlConfigEditor.nest(segments.subList(depth + 1, segments.size()), fields));
          append(object, added);
          return edits.applyTo(text);
        }
        if (member.value() instanceof JsonSpans.ObjectValue child) {
          object = child;
        } else if (slice(member.value()).equals("null")) {
          replace(
              object,
              member,
              YamlConfigEditor.nest(segments.subList(depth + 1, segments.size()), fields));
          return edits.applyTo(text);
        } else {
          throw new InputException(
              fileName
                  + ": "
                  + String.join(".", segments.subList(0, depth + 1))
                  + " is "
                  + slice(member.value())
                  + ", not an object; cannot set fields under it");
        }
      }
      merge(object, fields);
      return edits.applyTo(text);
    }

    private void merge(JsonSpans.ObjectValue object, Map<String, ?> fields) {
      Map<String, Object> missing = new LinkedHashMap<>();
      for (Map.Entry<String, ?> field : fields.entrySet()) {
        JsonSpans.Member member = object.find(field.getKey());
        Object value = field.getValue();
        if (member == null) {
          if (value != null) {
            missing.put(field.getKey(), value);
          }
        } else if (value == null) {
          remove(object, member);
        } else if (value instanceof Map<?, ?> map
            && member.value() instanceof JsonSpans.ObjectValue child) {
          merge(child, YamlConfigEditor.cast(map));
        } else {
          String rendered = render(value, indentOf(member.keyStart()), step, newline);
          if (!slice(member.value()).equals(rendered) && !sameValue(member.value(), value)) {
            edits.replace(member.value().start, member.value().end, rendered);
          }
        }
      }
      if (!missing.isEmpty()) {
        append(object, missing);
      }
    }

    private boolean sameValue(JsonSpans.Value span, Object value) {
      return !(value instanceof Map) && ConfigTrees.same(load(slice(span)), value);
    }

    private void replace(JsonSpans.ObjectValue owner, JsonSpans.Member member, Object value) {
      edits.replace(
          member.value().start,
          member.value().end,
          render(value, indentOf(member.keyStart()), step, newline));
    }

    private void append(JsonSpans.ObjectValue object, Map<String, Object> entries) {
      boolean multiLine =
          object.members.isEmpty()
              ? text.strip().contains("\n")
              : text.substring(object.start, object.end).contains("\n");
      String indent =
          object.members.isEmpty()
              ? indentOf(object.start) + step
              : indentOf(object.members.get(0).keyStart());
      StringBuilder out = new StringBuilder();
      for (Map.Entry<String, Object> entry : entries.entrySet()) {
        boolean first = object.members.isEmpty() && out.length() == 0;
        out.append(first ? "" : ",");
        out.append(multiLine ? newline + indent : first ? "" : " ");
        out.append(quote(entry.getKey())).append(": ");
        out.append(
            multiLine
                ? render(entry.getValue(), indent, step, newline)
                : compact(entry.getValue()));
      }
      if (object.members.isEmpty()) {
        if (multiLine) {
          out.append(newline).append(indentOf(object.start));
        }
        edits.replace(object.start + 1, object.close(), out.toString());
      } else {
        JsonSpans.Member last = object.members.get(object.members.size() - 1);
        edits.insert(last.value().end, out.toString());
      }
    }

    private void remove(JsonSpans.ObjectValue object, JsonSpans.Member member) {
      int index = object.members.indexOf(member);
      int start;
      int end;
      if (index > 0) {
        // from the end of the previous value: takes the comma before this member with it
        start = object.members.get(index - 1).value().end;
        end = member.value().end;
      } else if (object.members.size() > 1) {
        start = member.keyStart();
        end = object.members.get(1).keyStart();
      } else {
        start = object.start + 1;
        end = object.close();
      }
      edits.replace(start, end, "");
    }

    private boolean oneLineFile() {
      return !text.strip().contains("\n");
    }

    private String indentOf(int offset) {
      int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      int i = lineStart;
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      return text.substring(lineStart, i);
    }

    private String slice(JsonSpans.Value value) {
      return text.substring(value.start, value.end);
    }
  }

  private static String detectStep(String text) {
    for (String line : text.split("\n")) {
      String stripped = line.stripLeading();
      if (stripped.startsWith("\"") && line.length() > stripped.length()) {
        return line.substring(0, line.length() - stripped.length());
      }
    }
    return "  ";
  }

  /** A value in JSON; maps as indented objects starting at {@code indent}. */
  static String render(Object value, String indent, String step, String newline) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return "{}";
      }
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        out.append(first ? "" : ",").append(newline).append(indent).append(step);
        out.append(quote(String.valueOf(entry.getKey())))
            .append(": ")
            .append(render(entry.getValue(), indent + step, step, newline));
        first = false;
      }
      return out.append(newline).append(indent).append('}').toString();
    }
    try {
      return Json.compact().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String text) {
    return compact(text);
  }

  private static String compact(Object value) {
    try {
      return Json.compact().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object load(String text) {
    try {
      return Json.mapper().readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new InputException(
          fileName
              + " line "
              + e.getLocation().getLineNr()
              + ": not valid JSON: "
              + e.getOriginalMessage());
    }
  }
}
