package io.ctsuite.promotion.config;

import io.ctsuite.core.InputException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Edits YAML text in place. SnakeYAML's node tree gives the exact position of every key and value;
 * values are replaced within their span and new keys are written on new lines with the indentation
 * of their siblings.
 */
final class YamlConfigEditor implements ConfigEditor {
  private final String fileName;

  YamlConfigEditor(String fileName) {
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
    Session session = new Session(text);
    String edited = session.run(path, fields);
    verify(text, edited, path, fields);
    return edited;
  }

  /** One edit of one text. */
  private final class Session {
    private final String text;
    private final int[] charIndex; // code point index (SnakeYAML marks) -> char index
    private final String newline;
    private final TextEdits edits = new TextEdits();
    private int step = 2;

    Session(String text) {
      this.text = text;
      this.charIndex = new int[text.codePointCount(0, text.length()) + 1];
      int c = 0;
      for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
        charIndex[c++] = i;
      }
      charIndex[c] = text.length();
      this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    String run(KeyPath path, Map<String, ?> fields) {
      Node root = compose();
      if (root == null) {
        // an empty file (or only comments): the whole path is new
        String block = renderBlock(nest(path.segments(), fields), 0);
        String prefix = text.isEmpty() || text.endsWith("\n") ? "" : newline;
        edits.insert(text.length(), prefix + block);
        return edits.applyTo(text);
      }
      if (!(root instanceof MappingNode mapping)) {
        throw new InputException(fileName + ": the top level is not a map of keys");
      }
      step = detectStep(mapping, step);
      walk(mapping, path.segments(), 0, fields, List.of());
      return edits.applyTo(text);
    }

    private Node compose() {
      try {
        Iterator<Node> documents =
            new Yaml(new LoaderOptions()).composeAll(new StringReader(text)).iterator();
        if (!documents.hasNext()) {
          return null;
        }
        Node first = documents.next();
        if (documents.hasNext()) {
          throw new InputException(
              fileName + ": holds several YAML documents; a deployment config must hold one");
        }
        return first;
      } catch (MarkedYAMLException e) {
        throw new InputException(
            fileName
                + " line "
                + (e.getProblemMark().getLine() + 1)
                + ": not valid YAML: "
                + e.getProblem());
      } catch (YAMLException e) {
        throw new InputException(fileName + ": not valid YAML: " + e.getMessage());
      }
    }

    private void walk(
        MappingNode mapping,
        List<String> segments,
        int depth,
        Map<String, ?> fields,
        List<String> done) {
      if (depth == segments.size()) {
        merge(mapping, fields, String.join(".", done));
        return;
      }
      String segment = segments.get(depth);
      NodeTuple entry = find(mapping, segment);
      List<String> here = new ArrayList<>(done);
      here.add(segment);
      if (entry == null) {
        Map<String, Object> rest = nest(segments.subList(depth + 1, segments.size()), fields);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put(segment, rest);
        appendEntries(mapping, added);
        return;
      }
      Node value = entry.getValueNode();
      if (value instanceof MappingNode child) {
        walk(child, segments, depth + 1, fields, here);
      } else if (isEmpty(value)) {
        replaceValue(entry, nest(segments.subList(depth + 1, segments.size()), fields));
      } else {
        throw new InputException(
            fileName
                + " line "
                + (value.getStartMark().getLine() + 1)
                + ": "
                + String.join(".", here)
                + " is "
                + describe(value)
                + ", not a map; cannot set fields under it");
      }
    }

    /** Sets each field in an existing mapping. */
    private void merge(MappingNode mapping, Map<String, ?> fields, String where) {
      merge(mapping, fields, where, null);
    }

    private void merge(MappingNode mapping, Map<String, ?> fields, String where, NodeTuple owner) {
      if (owner != null && removesEverything(mapping, fields)) {
        // a block map without entries would read as null: write an empty map instead
        int from = text.indexOf(':', at(owner.getKeyNode().getEndMark().getIndex())) + 1;
        int to =
            mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW
                ? at(mapping.getEndMark().getIndex())
                : endOfLastLeaf(mapping);
        edits.replace(from, to, " {}");
        return;
      }
      Map<String, Object> missing = new LinkedHashMap<>();
      for (Map.Entry<String, ?> field : fields.entrySet()) {
        NodeTuple entry = find(mapping, field.getKey());
        Object value = field.getValue();
        if (entry == null) {
          if (value != null) {
            missing.put(field.getKey(), value);
          }
          continue;
        }
        Node node = entry.getValueNode();
        if (value == null) {
          removeEntry(mapping, entry);
        } else if (value instanceof Map<?, ?> map && node instanceof MappingNode child) {
          merge(child, cast(map), where + "." + field.getKey(), entry);
        } else if (value instanceof Map<?, ?> map) {
          replaceValue(entry, cast(map));
        } else if (node instanceof ScalarNode scalar && !isEmpty(scalar)) {
          if (!sameScalar(scalar, value)) {
            replaceScalar(scalar, value, mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW);
          }
        } else {
          replaceValue(entry, value);
        }
      }
      if (!missing.isEmpty()) {
        appendEntries(mapping, missing);
      }
    }

    private boolean removesEverything(MappingNode mapping, Map<String, ?> fields) {
      if (mapping.getValue().isEmpty()) {
        return false;
      }
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
        if (key == null || !fields.containsKey(key) || fields.get(key) != null) {
          return false;
        }
      }
      return fields.values().stream().allMatch(Objects::isNull);
    }

    private boolean sameScalar(ScalarNode scalar, Object value) {
      return scalar.getValue().equals(String.valueOf(value))
          && Objects.equals(load(slice(scalar)), value);
    }

    // ---- edits ----

    private void replaceScalar(ScalarNode scalar, Object value, boolean flow) {
      int start = at(scalar.getStartMark().getIndex());
      int end = at(scalar.getEndMark().getIndex());
      DumperOptions.ScalarStyle style = scalar.getScalarStyle();
      String rendered = YamlScalars.render(value, style, flow);
      if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
        // a block scalar's span runs to the start of the next line
        rendered = rendered + newline;
      }
      edits.replace(start, end, rendered);
    }

    /** Replaces an empty or scalar value by a new value (a map becomes a nested block). */
    private void replaceValue(NodeTuple entry, Object value) {
      Node key = entry.getKeyNode();
      Node old = entry.getValueNode();
      int colon = text.indexOf(':', at(key.getEndMark().getIndex()));
      int from = colon + 1;
      int to = isEmpty(old) ? from : at(old.getEndMark().getIndex());
      int keyColumn = key.getStartMark().getColumn();
      if (value instanceof Map<?, ?> map) {
        if (flowContext(entry)) {
          edits.replace(from, to, " " + YamlScalars.renderFlow(cast(map)));
          return;
        }
        // the block goes on the lines after the key; a comment after the key stays on its line
        edits.replace(from, to, "");
        int lineEnd = lineEnd(to);
        String block = renderBlock(cast(map), keyColumn + step);
        edits.insert(lineEnd, newline + stripTrailingNewline(block));
      } else {
        edits.replace(from, to, " " + YamlScalars.render(value, null, flowContext(entry)));
      }
    }

    private void appendEntries(MappingNode mapping, Map<String, Object> entries) {
      if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
        int close = at(mapping.getEndMark().getIndex()) - 1; // the closing brace
        String inner = YamlScalars.renderFlow(entries);
        inner = inner.substring(1, inner.length() - 1);
        edits.insert(close, (mapping.getValue().isEmpty() ? "" : ", ") + inner);
        return;
      }
      if (mapping.getValue().isEmpty()) {
        throw new IllegalStateException("an empty block mapping cannot occur");
      }
      int column = mapping.getValue().get(0).getKeyNode().getStartMark().getColumn();
      String block = stripTrailingNewline(renderBlock(entries, column));
      int end = endOfLastLeaf(mapping);
      if (end > 0 && text.charAt(end - 1) == '\n') {
        edits.insert(end, block + newline);
      } else {
        edits.insert(lineEnd(end), newline + block);
      }
    }

    /** Removes a key and its value, whole lines in block style. */
    private void removeEntry(MappingNode mapping, NodeTuple entry) {
      if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
        List<NodeTuple> tuples = mapping.getValue();
        int index = tuples.indexOf(entry);
        int start = at(entry.getKeyNode().getStartMark().getIndex());
        int end = at(entry.getValueNode().getEndMark().getIndex());
        if (index + 1 < tuples.size()) {
          end = at(tuples.get(index + 1).getKeyNode().getStartMark().getIndex());
        } else if (index > 0) {
          start = at(tuples.get(index - 1).getValueNode().getEndMark().getIndex());
        }
        edits.replace(start, end, "");
        return;
      }
      int start = lineStart(at(entry.getKeyNode().getStartMark().getIndex()));
      int last = endOfLastLeaf(entry.getValueNode(), entry);
      int end =
          last > 0 && text.charAt(last - 1) == '\n'
              ? last
              : Math.min(text.length(), lineEnd(last) + 1);
      edits.replace(start, end, "");
    }

    // ---- positions ----

    private int at(int codePointIndex) {
      return charIndex[Math.min(codePointIndex, charIndex.length - 1)];
    }

    private int lineEnd(int from) {
      int newlineAt = text.indexOf('\n', from);
      if (newlineAt < 0) {
        return text.length();
      }
      return newlineAt > 0 && text.charAt(newlineAt - 1) == '\r' ? newlineAt - 1 : newlineAt;
    }

    private int lineStart(int from) {
      return text.lastIndexOf('\n', from - 1) + 1;
    }

    /** Where the text of a mapping's last value ends (not where the next token begins). */
    private int endOfLastLeaf(MappingNode mapping) {
      List<NodeTuple> tuples = mapping.getValue();
      NodeTuple last = tuples.get(tuples.size() - 1);
      return endOfLastLeaf(last.getValueNode(), last);
    }

    private int endOfLastLeaf(Node node, NodeTuple owner) {
      if (isEmpty(node)) {
        return text.indexOf(':', at(owner.getKeyNode().getEndMark().getIndex())) + 1;
      }
      if (node instanceof MappingNode mapping
          && mapping.getFlowStyle() != DumperOptions.FlowStyle.FLOW
          && !mapping.getValue().isEmpty()) {
        return endOfLastLeaf(mapping);
      }
      if (node instanceof SequenceNode sequence
          && sequence.getFlowStyle() != DumperOptions.FlowStyle.FLOW
          && !sequence.getValue().isEmpty()) {
        Node last = sequence.getValue().get(sequence.getValue().size() - 1);
        return endOfLastLeaf(last, owner);
      }
      return at(node.getEndMark().getIndex());
    }

    private boolean flowContext(NodeTuple entry) {
      // a value inside a flow mapping starts on the key's line and cannot take a block
      int keyStart = at(entry.getKeyNode().getStartMark().getIndex());
      int lineStart = lineStart(keyStart);
      String before = text.substring(lineStart, keyStart);
      return before.contains("{") || before.contains(",");
    }

    private String slice(Node node) {
      return text.substring(at(node.getStartMark().getIndex()), at(node.getEndMark().getIndex()));
    }

    // ---- rendering ----

    private String renderBlock(Map<String, Object> entries, int indent) {
      StringBuilder out = new StringBuilder();
      String pad = " ".repeat(indent);
      for (Map.Entry<String, Object> entry : entries.entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        out.append(pad).append(YamlScalars.renderKey(entry.getKey())).append(':');
        if (entry.getValue() instanceof Map<?, ?> map) {
          if (map.isEmpty()) {
            out.append(" {}").append(newline);
          } else {
            out.append(newline).append(renderBlock(cast(map), indent + step));
          }
        } else {
          out.append(' ').append(YamlScalars.render(entry.getValue(), null, false)).append(newline);
        }
      }
      return out.toString();
    }

    private String stripTrailingNewline(String block) {
      return block.endsWith(newline)
          ? block.substring(0, block.length() - newline.length())
          : block;
    }
  }

  // ---- helpers ----

  private static NodeTuple find(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return tuple;
      }
    }
    return null;
  }

  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.NULL)
        && scalar.getValue().isEmpty();
  }

  private static int detectStep(MappingNode mapping, int fallback) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getValueNode() instanceof MappingNode child
          && child.getFlowStyle() != DumperOptions.FlowStyle.FLOW
          && !child.getValue().isEmpty()) {
        int step =
            child.getValue().get(0).getKeyNode().getStartMark().getColumn()
                - tuple.getKeyNode().getStartMark().getColumn();
        if (step > 0) {
          return step;
        }
      }
    }
    return fallback;
  }

  private static String describe(Node node) {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode scalar) {
      return "the value '" + scalar.getValue() + "'";
    }
    return "not a map";
  }

  static Map<String, Object> nest(List<String> segments, Map<String, ?> fields) {
    Map<String, Object> inner = new LinkedHashMap<>();
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      if (field.getValue() != null) {
        inner.put(field.getKey(), field.getValue());
      }
    }
    for (int i = segments.size() - 1; i >= 0; i--) {
      Map<String, Object> outer = new LinkedHashMap<>();
      outer.put(segments.get(i), inner);
      inner = outer;
    }
    return inner;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private Object load(String text) {
    try {
      return new Yaml(new LoaderOptions()).load(text);
    } catch (YAMLException e) {
      throw new InputException(fileName + ": not valid YAML: " + e.getMessage());
    }
  }

  /** Parses old and new text and makes sure the edit changed exactly the fields, nothing else. */
  private void verify(String before, String after, KeyPath path, Map<String, ?> fields) {
    Object expected = ConfigTrees.apply(ConfigTrees.copy(load(before)), path, fields);
    Object actual = load(after);
    if (!ConfigTrees.same(expected, actual)) {
      throw new IllegalStateException(
          fileName
              + ": could not edit "
              + path
              + " safely (the edited text would mean something else); please report this with"
              + " the file");
    }
  }
}
