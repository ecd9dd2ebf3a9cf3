package io.ctsuite.tracking.run;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a run came from: dataset versions, the source commit, the container image and the CI build.
 * Immutable; every field may be missing.
 */
public final class References implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final References NONE = new References(List.of(), null, null, null, null);

  private final List<DatasetRef> datasets;
  private final String gitCommit;
  private final String gitRepository;
  private final String containerImage;
  private final String buildUrl;

  public References(
      List<DatasetRef> datasets,
      String gitCommit,
      String gitRepository,
      String containerImage,
      String buildUrl) {
    this.datasets = List.copyOf(datasets);
    this.gitCommit = gitCommit;
    this.gitRepository = gitRepository;
    this.containerImage = containerImage;
    this.buildUrl = buildUrl;
  }

  public static References none() {
    return NONE;
  }

  public List<DatasetRef> datasets() {
    return datasets;
  }

  public String gitCommit() {
    return gitCommit;
  }

  public String gitRepository() {
    return gitRepository;
  }

  public String containerImage() {
    return containerImage;
  }

  public String buildUrl() {
    return buildUrl;
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  public References withDataset(DatasetRef dataset) {
    List<DatasetRef> list = new ArrayList<>(datasets);
    list.removeIf(d -> d.name().equals(dataset.name()));
    list.add(dataset);
    return new References(list, gitCommit, gitRepository, containerImage, buildUrl);
  }

  public References withGitCommit(String commit) {
    return new References(datasets, commit, gitRepository, containerImage, buildUrl);
  }

  public References withGitRepository(String repository) {
    return new References(datasets, gitCommit, repository, containerImage, buildUrl);
  }

  public References withContainerImage(String image) {
    return new References(datasets, gitCommit, gitRepository, image, buildUrl);
  }

  public References withBuildUrl(String url) {
    return new References(datasets, gitCommit, gitRepository, containerImage, url);
  }

  /** These references, with the fields {@code other} has replacing ours. */
  public References mergedWith(References other) {
    References merged = this;
    for (DatasetRef d : other.datasets) {
      merged = merged.withDataset(d);
    }
    return new References(
        merged.datasets,
        other.gitCommit != null ? other.gitCommit : gitCommit,
        other.gitRepository != null ? other.gitRepository : gitRepository,
        other.containerImage != null ? other.containerImage : containerImage,
        other.buildUrl != null ? other.buildUrl : buildUrl);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof References r
        && datasets.equals(r.datasets)
        && Objects.equals(gitCommit, r.gitCommit)
        && Objects.equals(gitRepository, r.gitRepository)
        && Objects.equals(containerImage, r.containerImage)
        && Objects.equals(buildUrl, r.buildUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(datasets, gitCommit, gitRepository, containerImage, buildUrl);
  }
}
