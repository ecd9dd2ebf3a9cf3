package io.jenkins.plugins.ct.promotion;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Descriptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The GitLab connections promotion steps use (Manage Jenkins » System, and Configuration as Code as
 * {@code unclassified: ctPromotion: connections: [{name, url, credentialsId, …}]}).
 */
@Extension
@Symbol("ctPromotion")
public class CtPromotionConfiguration extends GlobalConfiguration {
  private List<GitLabConnection> connections = new ArrayList<>();

  public CtPromotionConfiguration() {
    load();
  }

  /** The configuration Jenkins holds, or {@code null} when Jenkins is not running. */
  @CheckForNull
  public static CtPromotionConfiguration get() {
    return GlobalConfiguration.all().get(CtPromotionConfiguration.class);
  }

  public List<GitLabConnection> getConnections() {
    return connections == null ? List.of() : List.copyOf(connections);
  }

  @DataBoundSetter
  public void setConnections(List<GitLabConnection> connections) {
    this.connections = connections == null ? new ArrayList<>() : new ArrayList<>(connections);
    save();
  }

  /** The connection of that name, or null. */
  @CheckForNull
  public GitLabConnection connection(String name) {
    for (GitLabConnection c : getConnections()) {
      if (c.getName() != null && c.getName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  @Override
  public boolean configure(StaplerRequest2 req, JSONObject json) throws Descriptor.FormException {
    // a form without any connection sends no "connections" key: start from none
    connections = new ArrayList<>();
    req.bindJSON(this, json);
    List<String> names = new ArrayList<>();
    for (GitLabConnection c : getConnections()) {
      if (c.getName() == null) {
        throw new Descriptor.FormException("Every GitLab connection needs a name.", "connections");
      }
      if (names.contains(c.getName())) {
        throw new Descriptor.FormException(
            "Two GitLab connections are named '" + c.getName() + "'.", "connections");
      }
      names.add(c.getName());
    }
    save();
    return true;
  }

  static boolean isServerUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
