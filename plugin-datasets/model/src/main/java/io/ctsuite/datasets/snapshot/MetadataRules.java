package io.ctsuite.datasets.snapshot;

import io.ctsuite.datasets.Meta;
import java.util.List;
import java.util.Map;

/**
 * Gives each file its metadata: the first path pattern that matches, overridden by the sidecar
 * table's row for the file.
 */
public final class MetadataRules {
  public static final MetadataRules NONE = new MetadataRules(List.of(), null);

  private final List<PathPattern> patterns;
  private final SidecarTable sidecar;

  public MetadataRules(List<PathPattern> patterns, SidecarTable sidecar) {
    this.patterns = List.copyOf(patterns);
    this.sidecar = sidecar;
  }

  public boolean isEmpty() {
    return patterns.isEmpty() && sidecar == null;
  }

  public SidecarTable sidecar() {
    return sidecar;
  }

  public Meta metaFor(String path) {
    Meta meta = Meta.EMPTY;
    for (PathPattern pattern : patterns) {
      Map<String, String> values = pattern.match(path);
      if (values != null) {
        meta = Meta.of(values);
        break;
      }
    }
    if (sidecar != null) {
      Meta row = sidecar.get(path);
      if (row != null) {
        meta = meta.overriddenBy(row);
      }
    }
    return meta;
  }
}
