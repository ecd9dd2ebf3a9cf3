package io.ctsuite.tracking.run;

import java.io.Serializable;
import java.util.Objects;

/** A dataset version a run used. */
public final class DatasetRef implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String version;

  public DatasetRef(String name, String version) {
    this.name = Objects.requireNonNull(name, "name");
    this.version = version;
  }

  public String name() {
    return name;
  }

  /** The version, or {@code null} when not known. */
  public String version() {
    return version;
  }

  /** Parses {@code name@version} or {@code name}. */
  public static DatasetRef parse(String text) {
    int at = text.lastIndexOf('@');
    return at > 0
        ? new DatasetRef(text.substring(0, at), text.substring(at + 1))
        : new DatasetRef(text, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetRef d && name.equals(d.name) && Objects.equals(version, d.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version);
  }

  @Override
  public String toString() {
    return version == null ? name : name + "@" + version;
  }
}
