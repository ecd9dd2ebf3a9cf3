package io.jenkins.plugins.ct.datasets;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.policy.ChangePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the change policy a Jenkinsfile gives as a map ({@code [growth: 1.5, newSource: true,
 * files: 1000, bytes: '10GB', labelShift: 0.1, quiet: '10m']}) in the model's policy language, so
 * that the model parses and checks it.
 */
final class PolicyText {
  private PolicyText() {}

  static String of(Map<?, ?> policy) {
    if (policy == null || policy.isEmpty()) {
      return "";
    }
    List<String> items = new ArrayList<>();
    for (Map.Entry<?, ?> e : policy.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      String text = value == null ? "" : String.valueOf(value).trim();
      switch (key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
        case "growth" -> items.add("growth>=" + text);
        case "bytegrowth" -> items.add("byte-growth>=" + text);
        case "newsource", "newsources" -> {
          if (truthy(value, key)) {
            items.add("new-source");
          }
        }
        case "files", "newfiles" -> items.add("files>=" + text);
        case "bytes", "newbytes" -> items.add("bytes>=" + text);
        case "labelshift", "shift" -> items.add("label-shift>" + text);
        case "quiet", "quietperiod" -> items.add("quiet=" + text);
        case "text", "rule", "when" -> items.add(text);
        default ->
            throw new InputException(
                "policy key '"
                    + key
                    + "' is not known; use growth, byteGrowth, newSource, files, bytes,"
                    + " labelShift, quiet");
      }
    }
    return String.join(", ", items);
  }

  private static boolean truthy(Object value, String key) {
    if (value instanceof Boolean b) {
      return b;
    }
    String text = String.valueOf(value).trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new InputException("policy key '" + key + "' is true or false, not '" + text + "'");
  }

  /** Parses {@code text}; empty means the global default policy (itself empty: any change). */
  static ChangePolicy parse(String text) {
    String chosen = text == null ? "" : text.trim();
    if (chosen.isEmpty()) {
      chosen = Registries.config().getDefaultPolicy();
    }
    return ChangePolicy.parse(chosen);
  }
}
