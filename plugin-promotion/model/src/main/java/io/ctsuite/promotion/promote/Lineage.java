package io.ctsuite.promotion.promote;

import java.io.Serializable;

/**
 * Where a model came from.
 *
 * @param buildUrl the training build's URL
 * @param datasetVersion the dataset version it was trained on
 * @param gitCommit the commit of the training code
 */
public record Lineage(String buildUrl, String datasetVersion, String gitCommit)
    implements Serializable {
  public static final Lineage NONE = new Lineage(null, null, null);

  public boolean isEmpty() {
    return buildUrl == null && datasetVersion == null && gitCommit == null;
  }
}
