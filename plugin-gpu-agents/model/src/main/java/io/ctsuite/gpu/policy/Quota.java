package io.ctsuite.gpu.policy;

import java.io.Serializable;

/**
 * At most {@code maxGpus} GPUs at once for the builds under a folder, of one GPU type or all.
 *
 * @param folder a folder path ("team-vision" covers "team-vision/retrain"); null or "*" for all
 * @param gpuType a GPU type or "mig-&lt;profile&gt;"; null or "*" for every type
 */
public record Quota(String folder, String gpuType, Integer maxGpus) implements Serializable {

  public Quota {
    folder = folder == null || folder.isBlank() || folder.equals("*") ? null : strip(folder);
    gpuType = gpuType == null || gpuType.isBlank() || gpuType.equals("*") ? null : gpuType;
    if (maxGpus == null) {
      throw new io.ctsuite.core.InputException(
          "quota " + describeScope(folder, gpuType) + ": maxGpus is missing");
    }
    if (maxGpus < 0) {
      throw new io.ctsuite.core.InputException(
          "quota " + describeScope(folder, gpuType) + ": maxGpus must not be negative");
    }
  }

  public boolean covers(String requestFolder, String requestType) {
    if (gpuType != null && !gpuType.equalsIgnoreCase(requestType)) {
      return false;
    }
    if (folder == null) {
      return true;
    }
    String path = requestFolder == null ? "" : strip(requestFolder);
    return path.equals(folder) || path.startsWith(folder + "/");
  }

  /** "team-vision, a100", "all folders, h100", "team-nlp". */
  public String scope() {
    return describeScope(folder, gpuType);
  }

  private static String describeScope(String folder, String type) {
    return (folder == null ? "all folders" : folder) + (type == null ? "" : ", " + type);
  }

  private static String strip(String path) {
    String p = path.strip();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p;
  }
}
