package io.jenkins.plugins.ct.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.Run;
import io.ctsuite.core.Json;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.export.Flavor;
import org.kohsuke.stapler.export.Model;
import org.kohsuke.stapler.export.ModelBuilder;
import org.kohsuke.stapler.export.TreePruner;

/**
 * What a build knows about the model it trained, found by generic means only, so that this plugin
 * depends on no other CT plugin: environment variables ({@code CT_MODEL_URI}, {@code
 * CT_DATASET}/{@code CT_DATASET_VERSION}, {@code GIT_COMMIT}) and the JSON that other plugins'
 * build actions export through Jenkins' API (tracked artifacts with role "model", "datasets" as
 * name@version, "gitCommit").
 */
final class BuildFacts {
  private static final Logger LOGGER = Logger.getLogger(BuildFacts.class.getName());

  /** A model file some build action recorded. */
  record TrackedModel(String path, String sha256) {}

  private final EnvVars env;
  private final List<JsonNode> actions;

  private BuildFacts(EnvVars env, List<JsonNode> actions) {
    this.env = env;
    this.actions = actions;
  }

  static BuildFacts of(Run<?, ?> run, EnvVars env) {
    List<JsonNode> actions = new ArrayList<>();
    for (Action action : run.getAllActions()) {
      if (action instanceof PromotionAction
          || !action.getClass().isAnnotationPresent(ExportedBean.class)) {
        continue;
      }
      JsonNode json = export(action);
      if (json != null) {
        actions.add(json);
      }
    }
    return new BuildFacts(env == null ? new EnvVars() : env, actions);
  }

  /** The action as its JSON API shows it, a few levels deep; null when it cannot be exported. */
  @CheckForNull
  @SuppressWarnings("unchecked")
  private static JsonNode export(Action action) {
    try {
      Class<Object> type = (Class<Object>) (Class<?>) action.getClass();
      Model<Object> model = new ModelBuilder().get(type);
      StringWriter json = new StringWriter();
      model.writeTo(action, new TreePruner.ByDepth(-3), Flavor.JSON.createDataWriter(action, json));
      return Json.mapper().readTree(json.toString());
    } catch (Exception | LinkageError e) {
      LOGGER.log(Level.FINE, "cannot read " + action.getClass().getName() + " as JSON", e);
      return null;
    }
  }

  @CheckForNull
  String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * The training build's URL: BUILD_URL, or the build's absolute URL when Jenkins knows its own.
   */
  @CheckForNull
  static String buildUrl(Run<?, ?> run, BuildFacts facts) {
    String url = facts.env("BUILD_URL");
    if (url != null) {
      return url;
    }
    try {
      return run.getAbsoluteUrl();
    } catch (IllegalStateException e) {
      return null; // no root URL configured
    }
  }

  /** CT_DATASET@CT_DATASET_VERSION (or the version alone), else datasets recorded by actions. */
  @CheckForNull
  String datasetVersion() {
    String version = env("CT_DATASET_VERSION");
    if (version != null) {
      String name = env("CT_DATASET");
      return name == null || version.contains("@") ? version : name + "@" + version;
    }
    List<String> datasets = new ArrayList<>();
    for (JsonNode action : actions) {
      for (JsonNode list : action.findValues("datasets")) {
        if (list.isArray()) {
          for (JsonNode d : list) {
            if (d.isTextual() && !datasets.contains(d.asText())) {
              datasets.add(d.asText());
            }
          }
        }
      }
    }
    return datasets.isEmpty() ? null : String.join(", ", datasets);
  }

  @CheckForNull
  String gitCommit() {
    String commit = env("GIT_COMMIT");
    if (commit != null) {
      return commit;
    }
    for (JsonNode action : actions) {
      for (JsonNode value : action.findValues("gitCommit")) {
        if (value.isTextual() && !value.asText().isBlank()) {
          return value.asText();
        }
      }
    }
    return null;
  }

  /** The last artifact with role "model" that an action recorded, or null. */
  @CheckForNull
  TrackedModel trackedModel() {
    TrackedModel last = null;
    for (JsonNode action : actions) {
      for (JsonNode list : action.findValues("artifacts")) {
        if (!list.isArray()) {
          continue;
        }
        for (JsonNode artifact : list) {
          if ("model".equals(artifact.path("role").asText())
              && !artifact.path("path").asText().isBlank()) {
            String sha = artifact.path("sha256").asText();
            last = new TrackedModel(artifact.get("path").asText(), sha.isBlank() ? null : sha);
          }
        }
      }
    }
    return last;
  }
}
