package io.jenkins.plugins.ct.gpu;

import io.ctsuite.gpu.GpuSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jenkins.model.Jenkins;

/** The one place the glue reaches the running Jenkins for its settings and identity. */
final class GpuAgents {
  private static volatile String controllerId;

  private GpuAgents() {}

  static GpuSettings settings() {
    return CtGpuConfiguration.settingsOrDefaults();
  }

  static CtGpuConfiguration configuration() {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    return c == null ? new CtGpuConfiguration() : c;
  }

  /** Pods as this controller renders them. */
  static GpuPods pods() {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    return new GpuPods(settings(), c == null ? null : c.getGpuResourceName(), controllerId());
  }

  /**
   * A short stable name of this controller for a pod label (at most 63 characters, [a-z0-9]): the
   * reaper deletes only pods with it, never those of another Jenkins sharing the namespace.
   */
  static String controllerId() {
    String id = controllerId;
    if (id == null) {
      Jenkins jenkins = Jenkins.getInstanceOrNull();
      String instance = jenkins == null ? "none" : jenkins.getLegacyInstanceId();
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(instance.getBytes(StandardCharsets.UTF_8));
        id = "j" + HexFormat.of().formatHex(digest, 0, 8);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
      controllerId = id;
    }
    return id;
  }
}
