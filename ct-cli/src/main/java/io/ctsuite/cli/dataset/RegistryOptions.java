package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.StoreOption;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.Failures;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.RegistryLocation;
import io.ctsuite.datasets.store.S3Location;
import io.ctsuite.datasets.store.S3Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the dataset registry is: {@code --registry} (a directory or {@code s3://bucket/prefix}),
 * else {@code CT_DATASET_REGISTRY}, else the store's {@code datasets/} directory. This machine's
 * caches (stat cache, downloaded manifests, file content) always live in the store.
 */
public class RegistryOptions {
  @Option(
      names = "--registry",
      paramLabel = "DIR|s3://BUCKET/PREFIX",
      description =
          "Where versions live (default: $CT_DATASET_REGISTRY, else the store's datasets/).")
  String registry;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "An S3-compatible endpoint such as MinIO (default: $CT_S3_ENDPOINT, $AWS_ENDPOINT_URL)."
              + " Credentials come from the usual AWS variables and profiles.")
  String s3Endpoint;

  static {
    // the AWS SDK logs through SLF4J, and the ct command has no SLF4J provider: pick SLF4J's own
    // no-op one quietly instead of letting it warn on every S3 command
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    }
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  private StoreOption store(CommandSpec spec) {
    for (CommandSpec at = spec; at != null; at = at.parent()) {
      CommandSpec mixin = at.mixins().get("store");
      if (mixin != null && mixin.userObject() instanceof StoreOption option) {
        return option;
      }
    }
    return new StoreOption();
  }

  /** The store's datasets/ area, for caches. */
  Path area(CommandSpec spec) {
    return store(spec).area("datasets");
  }

  Path cache(CommandSpec spec) {
    return area(spec).resolve("cache");
  }

  S3Settings s3() {
    String endpoint = s3Endpoint;
    if (endpoint == null || endpoint.isBlank()) {
      endpoint = System.getenv("CT_S3_ENDPOINT");
    }
    S3Settings settings = S3Settings.fromEnvironment();
    return endpoint == null || endpoint.isBlank() ? settings : settings.withEndpoint(endpoint);
  }

  RegistryLocation location(CommandSpec spec) {
    String where = registry;
    if (where == null || where.isBlank()) {
      where = System.getenv("CT_DATASET_REGISTRY");
    }
    if (where == null || where.isBlank()) {
      return RegistryLocation.directory(area(spec));
    }
    if (S3Location.isS3(where)) {
      return RegistryLocation.s3(where, s3(), cache(spec));
    }
    return RegistryLocation.directory(Path.of(where));
  }

  DatasetRegistry open(CommandSpec spec) {
    RegistryLocation location = location(spec);
    return new DatasetRegistry(location.openStore(), cache(spec));
  }

  /**
   * The dataset's saved alias rules, plus rules from {@code --aliases FILE} and {@code --alias}.
   */
  static LabelAliases aliases(
      DatasetRegistry registry, String dataset, Path file, List<String> rules) {
    LabelAliases aliases = registry.aliases(dataset);
    if (file != null) {
      try {
        aliases = aliases.merge(LabelAliases.parse(Files.readString(file), file.toString()));
      } catch (java.nio.file.NoSuchFileException e) {
        throw new InputException("no such file: " + file);
      } catch (IOException e) {
        throw Failures.io("Could not read " + file + ": " + e.getMessage(), e);
      }
    }
    if (rules != null && !rules.isEmpty()) {
      aliases = aliases.merge(LabelAliases.ofRules(new ArrayList<>(rules), "--alias"));
    }
    return aliases;
  }
}
