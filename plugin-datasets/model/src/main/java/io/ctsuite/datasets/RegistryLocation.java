package io.ctsuite.datasets;

import io.ctsuite.datasets.store.DirectoryStore;
import io.ctsuite.datasets.store.ObjectStore;
import io.ctsuite.datasets.store.S3Location;
import io.ctsuite.datasets.store.S3ObjectStore;
import io.ctsuite.datasets.store.S3Settings;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a registry is (a directory or {@code s3://bucket/prefix}) and where this machine caches
 * what it reads from it; serializable so that a Jenkins controller can send it to an agent, which
 * then opens the registry itself.
 */
public final class RegistryLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final S3Settings s3;
  private final String cacheDir;

  private RegistryLocation(String location, S3Settings s3, String cacheDir) {
    this.location = location;
    this.s3 = s3;
    this.cacheDir = cacheDir;
  }

  public static RegistryLocation directory(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    return new RegistryLocation(absolute.toString(), null, absolute.resolve("cache").toString());
  }

  /**
   * @param cacheDir a local directory for downloaded manifests and the stat cache
   */
  public static RegistryLocation s3(String uri, S3Settings settings, Path cacheDir) {
    S3Location.parse(uri);
    return new RegistryLocation(uri, settings, cacheDir.toAbsolutePath().normalize().toString());
  }

  public boolean isS3() {
    return S3Location.isS3(location);
  }

  public S3Settings s3Settings() {
    return s3;
  }

  public Path cacheDir() {
    return Path.of(cacheDir);
  }

  public ObjectStore openStore() {
    if (isS3()) {
      return S3ObjectStore.open(s3, S3Location.parse(location));
    }
    return new DirectoryStore(Path.of(location));
  }

  public DatasetRegistry open() {
    return new DatasetRegistry(openStore(), cacheDir());
  }

  @Override
  public String toString() {
    return location;
  }
}
