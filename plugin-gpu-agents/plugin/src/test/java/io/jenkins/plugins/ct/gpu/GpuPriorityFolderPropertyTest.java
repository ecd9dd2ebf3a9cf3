package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleProject;
import io.ctsuite.gpu.request.GpuRequest;
import io.ctsuite.gpu.request.LabelExpressions;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class GpuPriorityFolderPropertyTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  private static GpuRequest request(String label) {
    return LabelExpressions.gpuRequest(label).orElseThrow();
  }

  @Test
  public void shouldGiveJobsWithoutAClassOfTheirOwnTheirFoldersClass() throws Exception {
    Folder team = r.jenkins.createProject(Folder.class, "team-vision");
    team.getProperties().replace(new GpuPriorityFolderProperty("nightly"));
    Folder nested = team.createProject(Folder.class, "experiments");
    FreeStyleProject inherits = nested.createProject(FreeStyleProject.class, "retrain");
    FreeStyleProject own = nested.createProject(FreeStyleProject.class, "sweep");
    own.addProperty(new GpuPriorityJobProperty("hpo-sweep"));

    assertThat(GpuQueue.priorityOf(inherits, request("gpu:a100:2"))).isEqualTo("nightly");
    assertThat(GpuQueue.priorityOf(own, request("gpu:a100:2"))).isEqualTo("hpo-sweep");
    assertThat(GpuQueue.priorityOf(inherits, request("gpu:a100:2,priority=production-retrain")))
        .isEqualTo("production-retrain");
  }

  @Test
  public void shouldTakeTheNearestFolderThatSetsAClass() throws Exception {
    Folder team = r.jenkins.createProject(Folder.class, "team-vision");
    team.getProperties().replace(new GpuPriorityFolderProperty("nightly"));
    Folder prod = team.createProject(Folder.class, "prod");
    prod.getProperties().replace(new GpuPriorityFolderProperty("production-retrain"));
    FreeStyleProject job = prod.createProject(FreeStyleProject.class, "retrain");
    FreeStyleProject outside = r.createFreeStyleProject("outside");

    assertThat(GpuQueue.priorityOf(job, request("gpu:2"))).isEqualTo("production-retrain");
    assertThat(GpuQueue.priorityOf(outside, request("gpu:2"))).isNull();
  }

  @Test
  public void shouldKeepTheFolderPropertyThroughTheConfigurationPage() throws Exception {
    Folder team = r.jenkins.createProject(Folder.class, "team-vision");
    team.getProperties().replace(new GpuPriorityFolderProperty("nightly"));

    r.configRoundtrip(team);

    GpuPriorityFolderProperty kept = team.getProperties().get(GpuPriorityFolderProperty.class);
    assertThat(kept).isNotNull();
    assertThat(kept.getPriorityClass()).isEqualTo("nightly");
  }
}
