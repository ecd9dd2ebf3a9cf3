package io.jenkins.plugins.ct.datasets;

import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.store.DirectoryStore;
import io.ctsuite.datasets.store.S3Location;
import io.ctsuite.datasets.store.S3ObjectStore;
import io.ctsuite.datasets.store.S3Settings;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Everything a machine needs to open the registry itself: its location (a directory as that machine
 * sees it, or {@code s3://…}), how to reach S3 (with the secret from Jenkins credentials, never
 * printed), and the machine's own cache directory. Travels from the controller to an agent.
 */
final class RegistryRef implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final S3Settings s3;
  private final String cacheDir;

  RegistryRef(String location, S3Settings s3, String cacheDir) {
    this.location = location;
    this.s3 = s3;
    this.cacheDir = cacheDir;
  }

  String location() {
    return location;
  }

  boolean isS3() {
    return S3Location.isS3(location);
  }

  /** How to reach S3 sources and registries (the defaults when none was configured). */
  S3Settings s3() {
    return s3 == null ? S3Settings.fromEnvironment() : s3;
  }

  /** This machine's cache directory (stat caches, downloaded manifests, file content). */
  Path cacheDir() {
    return Path.of(cacheDir);
  }

  /**
   * Opens the registry on the machine this runs on; a relative directory is taken relative to
   * {@code base} (the workspace).
   */
  DatasetRegistry open(Path base) {
    if (isS3()) {
      return new DatasetRegistry(
          S3ObjectStore.open(s3(), S3Location.parse(location)), cacheDir().resolve("manifests"));
    }
    Path dir = Path.of(location);
    if (!dir.isAbsolute() && base != null) {
      dir = base.resolve(dir);
    }
    return new DatasetRegistry(
        new DirectoryStore(dir.normalize()), cacheDir().resolve("manifests"));
  }

  @Override
  public String toString() {
    return location;
  }
}
