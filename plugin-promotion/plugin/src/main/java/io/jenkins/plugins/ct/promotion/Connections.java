package io.jenkins.plugins.ct.promotion;

import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;

/** The configured connection names, for messages and the Snippet Generator. */
final class Connections {
  private Connections() {}

  static List<String> names() {
    List<String> names = new ArrayList<>();
    CtPromotionConfiguration config = CtPromotionConfiguration.get();
    if (config != null) {
      for (GitLabConnection c : config.getConnections()) {
        names.add(c.getName());
      }
    }
    return names;
  }

  static String unknown(String name) {
    List<String> names = names();
    return "no GitLab connection named '"
        + name
        + "' ("
        + (names.isEmpty() ? "none is configured" : "configured: " + String.join(", ", names))
        + "); add it under Manage Jenkins » System » CT model promotion";
  }

  static ListBoxModel items() {
    ListBoxModel items = new ListBoxModel();
    for (String name : names()) {
      items.add(name);
    }
    return items;
  }
}
