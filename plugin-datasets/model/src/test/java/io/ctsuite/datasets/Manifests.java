package io.ctsuite.datasets;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds small manifests for tests: content given as text, hashed like a snapshot would. */
public final class Manifests {
  public static final Origin ORIGIN = Origin.of("/data", Origin.SHA256);

  private final ManifestBuilder builder = new ManifestBuilder("test");

  public static Manifests manifest() {
    return new Manifests();
  }

  public Manifests file(String path, String content) {
    return file(path, content, Meta.EMPTY);
  }

  public Manifests file(String path, String content, String source, String label) {
    return file(path, content, Meta.of(Map.of("source", source, "label", label)));
  }

  public Manifests file(String path, String content, Meta meta) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    builder.add(path, bytes.length, 1_700_000_000_000L, Hashes.sha256(bytes), meta, ORIGIN);
    return this;
  }

  public Manifests sized(String path, long size, String content, Meta meta) {
    builder.add(
        path,
        size,
        1_700_000_000_000L,
        Hashes.sha256(content.getBytes(StandardCharsets.UTF_8)),
        meta,
        ORIGIN);
    return this;
  }

  public Manifest build() {
    return builder.build();
  }
}
