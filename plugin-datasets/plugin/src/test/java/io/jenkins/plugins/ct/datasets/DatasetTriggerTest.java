package io.jenkins.plugins.ct.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.TaskListener;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/** The dataset trigger on Freestyle and Pipeline jobs, polled directly (no waiting for cron). */
public class DatasetTriggerTest {
  @Rule public JenkinsRule r = new JenkinsRule();
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private File data;

  @Before
  public void setUp() throws Exception {
    CtDatasetsConfiguration.get().setRegistry(tmp.newFolder("registry").getAbsolutePath());
    data = tmp.newFolder("data");
  }

  private void files(String dir, String prefix, int n) throws Exception {
    File d = new File(data, dir);
    Files.createDirectories(d.toPath());
    for (int i = 1; i <= n; i++) {
      Files.writeString(
          new File(d, prefix + i + ".txt").toPath(), prefix + i, StandardCharsets.UTF_8);
    }
  }

  private DatasetTrigger trigger(String policyRule) {
    DatasetTrigger t = new DatasetTrigger("H H 1 1 *", "videos", data.getAbsolutePath());
    t.setPatterns("{source}/{label}/*");
    t.setRule(policyRule);
    return t;
  }

  private FreeStyleProject freestyle(DatasetTrigger t) throws Exception {
    FreeStyleProject p = r.createFreeStyleProject("fs");
    p.addTrigger(t);
    t.start(p, true);
    return p;
  }

  @Test
  public void shouldFireOnGrowthAndNotWithout() throws Exception {
    files("hospital-a/normal", "a", 10);
    DatasetTrigger t = trigger("growth>=1.5");
    FreeStyleProject p = freestyle(t);

    assertThat(t.poll().fire()).as("nothing consumed yet").isTrue();
    r.waitUntilNoActivity();
    assertThat(p.getLastBuild().getNumber()).isEqualTo(1);

    files("hospital-a/normal", "more", 3);
    PollOutcome small = t.poll();
    assertThat(small.fire()).isFalse();
    assertThat(small.reason()).contains("changed too little since v1");
    r.waitUntilNoActivity();
    assertThat(p.getLastBuild().getNumber()).as("no build for 1.3×").isEqualTo(1);

    files("hospital-a/normal", "grow", 7);
    PollOutcome grew = t.poll();
    assertThat(grew.fire()).isTrue();
    assertThat(grew.reason()).isEqualTo("videos grew 2.00× since v1: +10 files");
    r.waitUntilNoActivity();
    assertThat(p.getLastBuild().getNumber()).isEqualTo(2);
  }

  @Test
  public void shouldSayWhyInTheCauseAndPassTheVersionInTheEnvironment() throws Exception {
    files("hospital-a/normal", "a", 10);
    DatasetTrigger t = trigger("new-source");
    FreeStyleProject p = freestyle(t);
    t.poll();
    r.waitUntilNoActivity();
    FreeStyleBuild first = p.getLastBuild();
    String v1 = first.getAction(DatasetTriggerAction.class).getVersionId();

    files("hospital-c/bleeding", "c", 2);
    t.poll();
    r.waitUntilNoActivity();
    FreeStyleBuild second = p.getLastBuild();
    assertThat(second.getNumber()).isEqualTo(2);
    DatasetChangeCause cause = second.getCause(DatasetChangeCause.class);
    assertThat(cause.getShortDescription())
        .isEqualTo(
            "Started by a dataset change: videos has a new source hospital-c since v1: +2 files,"
                + " new source hospital-c");
    EnvVars env = second.getEnvironment(TaskListener.NULL);
    assertThat(env.get("CT_DATASET")).isEqualTo("videos");
    assertThat(env.get("CT_DATASET_VERSION"))
        .isEqualTo(second.getAction(DatasetTriggerAction.class).getVersionId())
        .hasSize(64);
    assertThat(env.get("CT_DATASET_PREVIOUS")).isEqualTo(v1);
    assertThat(env.get("CT_TRIGGER_REASON")).isEqualTo(cause.getReason());
  }

  @Test
  public void shouldNeverFireTwiceForOneChange() throws Exception {
    files("hospital-a/normal", "a", 10);
    DatasetTrigger t = trigger("");
    FreeStyleProject p = freestyle(t);
    assertThat(t.poll().fire()).isTrue();
    assertThat(t.poll().fire()).as("the build may still be queued").isFalse();
    r.waitUntilNoActivity();
    assertThat(t.poll().reason()).contains("has not changed since v1");
    assertThat(p.getBuilds()).hasSize(1);
  }

  @Test
  public void shouldHoldBackABatchStillBeingCopied() throws Exception {
    files("hospital-a/normal", "a", 10);
    DatasetTrigger t = trigger("quiet=1h");
    FreeStyleProject p = freestyle(t);
    PollOutcome outcome = t.poll();
    assertThat(outcome.fire()).isFalse();
    assertThat(outcome.reason()).contains("still changing").contains("quiet period of 60 min");
    r.waitUntilNoActivity();
    assertThat(p.getBuilds()).isEmpty();
  }

  @Test
  public void shouldStartAPipelineWithTheDatasetVariables() throws Exception {
    files("hospital-a/normal", "a", 4);
    WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "pipeline");
    p.setDefinition(
        new CpsFlowDefinition(
            "node { echo \"GOT ${env.CT_DATASET} ${env.CT_DATASET_VERSION}"
                + " [${env.CT_DATASET_PREVIOUS}] ${env.CT_TRIGGER_REASON}\"\n"
                + "  useDataset(name: env.CT_DATASET, version: env.CT_DATASET_VERSION) }",
            true));
    DatasetTrigger t =
        (DatasetTrigger)
            DescribableModel.of(DatasetTrigger.class)
                .instantiate(
                    Map.of(
                        "spec",
                        "H H 1 1 *",
                        "name",
                        "videos",
                        "location",
                        data.getAbsolutePath(),
                        "policy",
                        Map.of("growth", 1.5, "newSource", true)));
    assertThat(t.getPolicyText()).contains("growth>=1.5").contains("new-source");
    p.addProperty(new PipelineTriggersJobProperty(List.of(t)));
    t.start(p, true);
    t.poll();
    r.waitUntilNoActivity();
    WorkflowRun b = p.getLastBuild();
    r.assertBuildStatusSuccess(b);
    r.assertLogContains("GOT videos " + b.getAction(DatasetTriggerAction.class).getVersionId(), b);
    r.assertLogContains("[] videos has 4 files", b);
    assertThat(b.getAction(DatasetBuildAction.class).consumed("videos")).isNotNull();
  }

  @Test
  public void shouldPollOnAnAgentWithTheLabel() throws Exception {
    r.createOnlineSlave(Label.get("data"));
    files("hospital-a/normal", "a", 3);
    DatasetTrigger t = trigger("");
    t.setLabel("data");
    FreeStyleProject p = freestyle(t);
    assertThat(t.poll().fire()).isTrue();
    r.waitUntilNoActivity();
    assertThat(p.getBuilds()).hasSize(1);
    String log = Files.readString(t.logFile().toPath(), StandardCharsets.UTF_8);
    assertThat(log).contains("Looking on slave0").contains("Fire: videos has 3 files");
  }

  @Test
  public void shouldKeepItsSettingsThroughTheConfigurationForm() throws Exception {
    DatasetTrigger t = trigger("label-shift>0.2");
    t.setGrowth(1.5);
    t.setNewSource(true);
    t.setQuietPeriod("10m");
    t.setLabel("data");
    FreeStyleProject p = freestyle(t);
    r.configRoundtrip(p);
    DatasetTrigger after = p.getTrigger(DatasetTrigger.class);
    r.assertEqualDataBoundBeans(t, after);
    assertThat(after.getPolicyText())
        .isEqualTo("growth>=1.5, new-source, quiet=10m, label-shift>0.2");
  }
}
