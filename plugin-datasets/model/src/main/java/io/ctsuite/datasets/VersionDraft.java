package io.ctsuite.datasets;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** What a caller says about a new version; the registry adds the number, the id and the parent. */
public final class VersionDraft implements Serializable {
  private static final long serialVersionUID = 1L;

  private String creator = defaultCreator();
  private String note;
  private String kind = "snapshot";
  private String source;
  private Instant created;
  private final Map<String, String> derivation = new TreeMap<>();

  public static VersionDraft snapshot(String source) {
    return new VersionDraft().kind("snapshot").source(source);
  }

  public static VersionDraft derived(String kind, String source) {
    return new VersionDraft().kind(kind).source(source);
  }

  /**
   * {@code user@host}. The host comes from {@code HOSTNAME} or {@code /etc/hostname}, never from a
   * name lookup, which can stall for seconds on a machine whose name does not resolve.
   */
  public static String defaultCreator() {
    String user = System.getProperty("user.name", "unknown");
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
      } catch (java.io.IOException | SecurityException e) {
        host = System.getenv("COMPUTERNAME");
      }
    }
    return host == null || host.isBlank() ? user : user + "@" + host;
  }

  public VersionDraft creator(String value) {
    if (value != null && !value.isBlank()) {
      creator = value;
    }
    return this;
  }

  public VersionDraft note(String value) {
    note = value;
    return this;
  }

  public VersionDraft kind(String value) {
    kind = value;
    return this;
  }

  public VersionDraft source(String value) {
    source = value;
    return this;
  }

  /** Fixes the creation time (tests, replays); the registry uses the current time otherwise. */
  public VersionDraft created(Instant value) {
    created = value;
    return this;
  }

  public VersionDraft derivation(String key, String value) {
    if (value != null) {
      derivation.put(key, value);
    }
    return this;
  }

  public String creator() {
    return creator;
  }

  public String note() {
    return note;
  }

  public String kind() {
    return kind;
  }

  public String source() {
    return source;
  }

  public Instant created() {
    return created;
  }

  public Map<String, String> derivation() {
    return derivation;
  }
}
