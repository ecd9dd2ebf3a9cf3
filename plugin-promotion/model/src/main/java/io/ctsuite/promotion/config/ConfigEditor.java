package io.ctsuite.promotion.config;

import io.ctsuite.core.InputException;
import java.util.Locale;
import java.util.Map;

/**
 * Changes a deployment config file at a key path the way a careful person would by hand: only the
 * values that change are rewritten; comments, key order, quoting and everything else in the file
 * stay as they are. The file's text is edited, not re-serialised, and the result is checked by
 * parsing it again.
 *
 * <p>Fields are set in the map at the key path (created if missing): a scalar replaces the value, a
 * map is merged into the existing map, and null removes the key.
 */
public interface ConfigEditor {
  /** The edited text. */
  String set(String text, KeyPath path, Map<String, ?> fields);

  /** The value at a key path in the text, as plain Java objects, or null when absent. */
  Object get(String text, KeyPath path);

  /** The editor for a file, chosen by its extension: .yaml/.yml or .json. */
  static ConfigEditor forFile(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return new YamlConfigEditor(fileName);
    }
    if (name.endsWith(".json")) {
      return new JsonConfigEditor(fileName);
    }
    throw new InputException(
        fileName + ": the deployment config must be a .yaml, .yml or .json file");
  }
}
