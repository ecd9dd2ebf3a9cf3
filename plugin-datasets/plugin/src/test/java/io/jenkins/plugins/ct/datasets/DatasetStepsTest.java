package io.jenkins.plugins.ct.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.io.File;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/** The dataset steps in real Pipelines, on an agent (snapshot, diff, use) and on the controller. */
public class DatasetStepsTest {
  @ClassRule public static BuildWatcher buildWatcher = new BuildWatcher();
  @Rule public JenkinsRule r = new JenkinsRule();
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private File registry;

  @Before
  public void useATemporaryRegistry() throws Exception {
    registry = tmp.newFolder("registry");
    CtDatasetsConfiguration.get().setRegistry(registry.getAbsolutePath());
  }

  private static final String TREE =
      "sh '''\n"
          + "mkdir -p data/hospital-a/bleeding data/hospital-a/normal\n"
          + "for i in $(seq 1 10); do echo bleeding$i > data/hospital-a/bleeding/b$i.txt; done\n"
          + "for i in $(seq 1 10); do echo normal$i > data/hospital-a/normal/n$i.txt; done\n"
          + "'''\n";

  private static final String GROW =
      "sh '''\n"
          + "mkdir -p data/hospital-c/bleeding\n"
          + "for i in $(seq 1 20); do echo c$i > data/hospital-c/bleeding/c$i.txt; done\n"
          + "'''\n";

  private WorkflowJob job(String name, String script) throws Exception {
    WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, name);
    p.setDefinition(new CpsFlowDefinition(script, true));
    return p;
  }

  @Test
  public void shouldSnapshotOnAnAgentAndRecordTheVersionOnTheBuild() throws Exception {
    DumbSlave agent = r.createOnlineSlave(Label.get("data"));
    WorkflowJob p =
        job(
            "snap",
            "node('data') {\n"
                + TREE
                + "  def v = datasetSnapshot(name: 'videos', path: 'data', patterns:"
                + " '{source}/{label}/*')\n"
                + "  echo \"VERSION=${v}\"\n"
                + "}\n");
    WorkflowRun b = r.buildAndAssertSuccess(p);
    r.assertLogContains("Running on " + agent.getNodeName(), b);
    r.assertLogContains("files/s", b);
    r.assertLogContains("Recorded videos v1", b);
    DatasetBuildAction action = b.getAction(DatasetBuildAction.class);
    assertThat(action).isNotNull();
    DatasetRecord record = action.getRecords().get(0);
    assertThat(record.getKind()).isEqualTo(DatasetRecord.Kind.SNAPSHOT);
    assertThat(record.getVersion()).isEqualTo("v1");
    assertThat(record.getFiles()).isEqualTo(20);
    assertThat(record.getLabels()).isEqualTo(2);
    r.assertLogContains("VERSION=" + record.getVersionId(), b);
    assertThat(action.stats(0).path("byLabel").path("bleeding").path("files").asLong())
        .isEqualTo(10);
  }

  @Test
  public void shouldDecideWithTheChangePolicyAndSayWhy() throws Exception {
    WorkflowJob p =
        job(
            "diff",
            "node {\n"
                + TREE
                + "  def v1 = datasetSnapshot(name: 'videos', path: 'data', patterns:"
                + " '{source}/{label}/*')\n"
                + GROW
                + "  def v2 = datasetSnapshot(name: 'videos', path: 'data', patterns:"
                + " '{source}/{label}/*')\n"
                + "  def d = datasetDiff(name: 'videos', from: v1, to: v2, policy: [growth: 1.5,"
                + " newSource: true])\n"
                + "  echo \"RETRAIN=${d.retrain} REASON=${d.reason}\"\n"
                + "  def strict = datasetDiff(name: 'videos', from: v1, to: v2, policy: [growth:"
                + " 3])\n"
                + "  echo \"STRICT=${strict.retrain}\"\n"
                + "}\n");
    WorkflowRun b = r.buildAndAssertSuccess(p);
    r.assertLogContains(
        "RETRAIN=true REASON=videos grew 2.00× since v1: +20 files, new source hospital-c", b);
    r.assertLogContains("STRICT=false", b);
  }

  @Test
  public void shouldCompareWithTheVersionTheJobLastTrainedOnWhenNoFromIsGiven() throws Exception {
    WorkflowJob p =
        job(
            "train",
            "node {\n"
                + "  if (currentBuild.number == 1) {\n"
                + TREE
                + "    def v = datasetSnapshot(name: 'videos', path: 'data', patterns:"
                + " '{source}/{label}/*')\n"
                + "    useDataset(name: 'videos', version: v, materialize: 'train/')\n"
                + "  } else {\n"
                + GROW
                + "    def v = datasetSnapshot(name: 'videos', path: 'data', patterns:"
                + " '{source}/{label}/*')\n"
                + "    def d = datasetDiff(name: 'videos', to: v, policy: [growth: 1.5])\n"
                + "    echo \"RETRAIN=${d.retrain} FROM=${d.from} REASON=${d.reason}\"\n"
                + "  }\n"
                + "}\n");
    WorkflowRun first = r.buildAndAssertSuccess(p);
    assertThat(first.getAction(DatasetBuildAction.class).consumed("videos").getVersion())
        .isEqualTo("v1");
    WorkflowRun second = r.buildAndAssertSuccess(p);
    r.assertLogContains("RETRAIN=true FROM=v1 REASON=videos grew 2.00× since v1", second);
    DatasetRecord snapshot = second.getAction(DatasetBuildAction.class).getRecords().get(0);
    assertThat(snapshot.getPreviousBuild()).isEqualTo(1);
    assertThat(snapshot.getSincePreviousBuild().getAdded()).isEqualTo(20);
  }

  @Test
  public void shouldMaterializeAQuerySelectionOnTheAgent() throws Exception {
    r.createOnlineSlave(Label.get("data"));
    WorkflowJob p =
        job(
            "use",
            "node('data') {\n"
                + TREE
                + "  def v = datasetSnapshot(name: 'videos', path: 'data', patterns:"
                + " '{source}/{label}/*')\n"
                + "  def used = useDataset(name: 'videos', version: 'latest', query: \"label =="
                + " 'bleeding'\", materialize: 'train/')\n"
                + "  echo \"FILES=${used.files}\"\n"
                + "  sh 'test $(find train -name \"*.txt\" | wc -l) -eq 10'\n"
                + "}\n");
    WorkflowRun b = r.buildAndAssertSuccess(p);
    r.assertLogContains("FILES=10", b);
    DatasetRecord use = b.getAction(DatasetBuildAction.class).getRecords().get(1);
    assertThat(use.getKind()).isEqualTo(DatasetRecord.Kind.USE);
    assertThat(use.getQuery()).isEqualTo("label == 'bleeding'");
    assertThat(use.getSelectionId()).hasSize(64);
  }

  @Test
  public void shouldFailCalmlyOnAnUnknownVersion() throws Exception {
    WorkflowJob p =
        job(
            "bad",
            "node {\n"
                + TREE
                + "  datasetSnapshot(name: 'videos', path: 'data')\n"
                + "  useDataset(name: 'videos', version: 'v7')\n"
                + "}\n");
    WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
    r.assertLogContains("dataset 'videos' has no version v7 (videos has v1…v1)", b);
    r.assertLogNotContains("\tat io.ctsuite", b);
  }

  @Test
  public void shouldMixAndBalanceIntoDerivedVersions() throws Exception {
    WorkflowJob p =
        job(
            "derive",
            "node {\n"
                + TREE
                + "  datasetSnapshot(name: 'videos', path: 'data', patterns:"
                + " '{source}/{label}/*')\n"
                + "  sh 'mkdir -p extra/lab/normal && for i in $(seq 1 10); do echo e$i >"
                + " extra/lab/normal/e$i.txt; done'\n"
                + "  datasetSnapshot(name: 'extra', path: 'extra', patterns:"
                + " '{source}/{label}/*')\n"
                + "  def b = datasetBalance(name: 'videos', cap: 4, seed: 1)\n"
                + "  def m = datasetMix(name: 'mixed', parts: ['videos': 0.5, 'extra': 0.5], total:"
                + " 10, seed: 2)\n"
                + "  echo \"BALANCED=${b} MIXED=${m}\"\n"
                + "}\n");
    WorkflowRun b = r.buildAndAssertSuccess(p);
    List<DatasetRecord> records = b.getAction(DatasetBuildAction.class).getRecords();
    assertThat(records.get(2).getKind()).isEqualTo(DatasetRecord.Kind.BALANCE);
    assertThat(records.get(2).getDataset()).isEqualTo("videos-balanced");
    assertThat(records.get(2).getFiles()).isEqualTo(8);
    assertThat(records.get(3).getKind()).isEqualTo(DatasetRecord.Kind.MIX);
    assertThat(records.get(3).getFiles()).isEqualTo(10);
    r.assertLogContains("BALANCED=" + records.get(2).getVersionId(), b);
  }
}
