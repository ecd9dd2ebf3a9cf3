package io.ctsuite.datasets;

/**
 * A manifest object as stored in a registry: either the full manifest, or a delta against a base
 * object, with the id of the manifest it resolves to and how many deltas lead to a full one.
 */
public final class StoredManifest {
  private final String id;
  private final Manifest full;
  private final Delta delta;
  private final int depth;

  private StoredManifest(String id, Manifest full, Delta delta, int depth) {
    this.id = id;
    this.full = full;
    this.delta = delta;
    this.depth = depth;
  }

  public static StoredManifest full(Manifest manifest) {
    return new StoredManifest(manifest.id(), manifest, null, 0);
  }

  public static StoredManifest delta(String id, Delta delta, int depth) {
    return new StoredManifest(id, null, delta, depth);
  }

  /** The id of the manifest this object resolves to. */
  public String id() {
    return id;
  }

  public boolean isDelta() {
    return delta != null;
  }

  /** The full manifest, or {@code null} for a delta. */
  public Manifest full() {
    return full;
  }

  /** The delta, or {@code null} for a full manifest. */
  public Delta delta() {
    return delta;
  }

  /** 0 for a full manifest, else 1 + the depth of the base. */
  public int depth() {
    return depth;
  }
}
