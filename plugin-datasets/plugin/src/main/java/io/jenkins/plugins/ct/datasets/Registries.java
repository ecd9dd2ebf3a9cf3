package io.jenkins.plugins.ct.datasets;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Node;
import hudson.model.Run;
import hudson.security.ACL;
import io.ctsuite.datasets.store.S3Settings;
import java.io.File;
import java.util.Collections;
import jenkins.model.Jenkins;

/**
 * Builds a {@link RegistryRef} on the controller: the registry a step or trigger names, else the
 * global one; S3 keys from the Credentials plugin, looked up in the context of the build or job
 * that asks; the cache directory of the machine that will do the work.
 */
final class Registries {
  private Registries() {}

  static CtDatasetsConfiguration config() {
    CtDatasetsConfiguration config = CtDatasetsConfiguration.get();
    if (config == null) {
      throw new IllegalStateException("the CT datasets configuration is not loaded");
    }
    return config;
  }

  static String location(@CheckForNull String override) {
    return override == null || override.isBlank() ? config().effectiveRegistry() : override.trim();
  }

  /** For a step of {@code run} that works in {@code workspace} (null: on the controller). */
  static RegistryRef forRun(
      @CheckForNull String override,
      @CheckForNull String credentialsId,
      Run<?, ?> run,
      @CheckForNull FilePath workspace)
      throws AbortException {
    String id = credentialsId(credentialsId);
    StandardUsernamePasswordCredentials keys = null;
    if (!id.isEmpty()) {
      keys =
          CredentialsProvider.findCredentialById(
              id, StandardUsernamePasswordCredentials.class, run);
      if (keys == null) {
        throw new AbortException(
            "No username/password credentials with id '"
                + id
                + "' are available to "
                + run.getParent().getFullName()
                + " (S3 access key as username, secret key as password)");
      }
    }
    return new RegistryRef(location(override), s3(keys), cacheDir(workspace));
  }

  /** For a trigger's poll of {@code job} on {@code node} (null: the controller). */
  static RegistryRef forItem(
      @CheckForNull String override,
      @CheckForNull String credentialsId,
      Item job,
      @CheckForNull Node node)
      throws AbortException {
    String id = credentialsId(credentialsId);
    StandardUsernamePasswordCredentials keys = null;
    if (!id.isEmpty()) {
      keys =
          CredentialsMatchers.firstOrNull(
              CredentialsProvider.lookupCredentialsInItem(
                  StandardUsernamePasswordCredentials.class,
                  job,
                  ACL.SYSTEM2,
                  Collections.emptyList()),
              CredentialsMatchers.withId(id));
      if (keys == null) {
        throw new AbortException(
            "No username/password credentials with id '"
                + id
                + "' are available to "
                + job.getFullName());
      }
    }
    return new RegistryRef(location(override), s3(keys), cacheDir(node));
  }

  /** For the controller's own pages. */
  static RegistryRef forController(@CheckForNull String override) throws AbortException {
    String id = credentialsId(null);
    StandardUsernamePasswordCredentials keys = null;
    if (!id.isEmpty()) {
      keys =
          CredentialsMatchers.firstOrNull(
              CredentialsProvider.lookupCredentialsInItemGroup(
                  StandardUsernamePasswordCredentials.class,
                  Jenkins.get(),
                  ACL.SYSTEM2,
                  Collections.emptyList()),
              CredentialsMatchers.withId(id));
      if (keys == null) {
        throw new AbortException("No username/password credentials with id '" + id + "'");
      }
    }
    return new RegistryRef(location(override), s3(keys), cacheDir((Node) null));
  }

  private static String credentialsId(@CheckForNull String override) {
    if (override != null && !override.isBlank()) {
      return override.trim();
    }
    return config().getCredentialsId();
  }

  private static S3Settings s3(@CheckForNull StandardUsernamePasswordCredentials keys) {
    CtDatasetsConfiguration config = config();
    if (keys == null && config.getS3Endpoint().isEmpty() && config.getS3Region().isEmpty()) {
      return null; // the AWS defaults of the machine that does the work
    }
    return S3Settings.of(
        config.getS3Endpoint(),
        config.getS3Region(),
        keys == null ? null : keys.getUsername(),
        keys == null ? null : keys.getPassword().getPlainText());
  }

  /** The cache directory under the root of the node that owns {@code workspace}. */
  static String cacheDir(@CheckForNull FilePath workspace) {
    if (workspace != null) {
      Computer computer = workspace.toComputer();
      Node node = computer == null ? null : computer.getNode();
      if (node != null) {
        return cacheDir(node);
      }
    }
    return cacheDir((Node) null);
  }

  static String cacheDir(@CheckForNull Node node) {
    if (node != null && !(node instanceof Jenkins)) {
      FilePath root = node.getRootPath();
      if (root != null) {
        return root.child("ct-datasets").child("cache").getRemote();
      }
    }
    return new File(Jenkins.get().getRootDir(), "ct-datasets/cache").getAbsolutePath();
  }
}
