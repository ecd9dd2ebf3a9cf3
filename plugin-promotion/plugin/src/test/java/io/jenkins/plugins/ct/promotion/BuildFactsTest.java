package io.jenkins.plugins.ct.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.InvisibleAction;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Lineage and the model come from generic sources only: the environment and actions' JSON. */
public class BuildFactsTest {
  @Rule public final JenkinsRule r = new JenkinsRule();

  /** Shaped like another plugin's experiment action: runs with artifacts, datasets, a commit. */
  @ExportedBean
  public static final class ForeignAction extends InvisibleAction {
    @Exported(inline = true)
    public List<Map<String, Object>> getRuns() {
      return List.of(
          Map.of(
              "datasets", List.of("phase-videos@v7"),
              "gitCommit", "abc1234",
              "artifacts",
                  List.of(
                      Map.of("path", "out/checkpoint.pt", "role", "checkpoint"),
                      Map.of(
                          "path",
                          "s3://models/phase/42/model.onnx",
                          "role",
                          "model",
                          "sha256",
                          "9f86d081"))));
    }
  }

  private FreeStyleBuild build() throws Exception {
    FreeStyleProject project = r.createFreeStyleProject();
    FreeStyleBuild build = r.buildAndAssertSuccess(project);
    build.addAction(new ForeignAction());
    return build;
  }

  @Test
  public void shouldFindTheModelAndLineageOtherPluginsRecorded() throws Exception {
    BuildFacts facts = BuildFacts.of(build(), new EnvVars());

    assertThat(facts.trackedModel())
        .isEqualTo(new BuildFacts.TrackedModel("s3://models/phase/42/model.onnx", "9f86d081"));
    assertThat(facts.datasetVersion()).isEqualTo("phase-videos@v7");
    assertThat(facts.gitCommit()).isEqualTo("abc1234");
  }

  @Test
  public void shouldPreferTheEnvironment() throws Exception {
    EnvVars env =
        new EnvVars(
            "CT_DATASET", "phase-videos", "CT_DATASET_VERSION", "v9", "GIT_COMMIT", "fedcba9");

    BuildFacts facts = BuildFacts.of(build(), env);

    assertThat(facts.datasetVersion()).isEqualTo("phase-videos@v9");
    assertThat(facts.gitCommit()).isEqualTo("fedcba9");
  }

  @Test
  public void shouldFindNothingInABuildWithoutThem() throws Exception {
    BuildFacts facts =
        BuildFacts.of(r.buildAndAssertSuccess(r.createFreeStyleProject()), new EnvVars());

    assertThat(facts.trackedModel()).isNull();
    assertThat(facts.datasetVersion()).isNull();
    assertThat(facts.gitCommit()).isNull();
  }
}
