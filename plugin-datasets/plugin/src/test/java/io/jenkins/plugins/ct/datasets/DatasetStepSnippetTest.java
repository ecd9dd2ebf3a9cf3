package io.jenkins.plugins.ct.datasets;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The Snippet Generator writes the steps as the shared library calls them. */
public class DatasetStepSnippetTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldWriteTheStepsAsTheLibraryCallsThem() throws Exception {
    SnippetizerTester st = new SnippetizerTester(r);
    DatasetSnapshotStep snapshot = new DatasetSnapshotStep("videos", "/data/videos");
    snapshot.setRegistry("s3://ml/registry");
    st.assertRoundTrip(
        snapshot,
        "datasetSnapshot name: 'videos', path: '/data/videos', registry: 's3://ml/registry'");
    UseDatasetStep use = new UseDatasetStep("videos");
    use.setVersion("v3");
    use.setMaterialize("data/");
    st.assertRoundTrip(use, "useDataset materialize: 'data/', name: 'videos', version: 'v3'");
    DatasetDiffStep diff = new DatasetDiffStep("videos");
    diff.setRule("growth>=1.5");
    st.assertRoundTrip(diff, "datasetDiff name: 'videos', rule: 'growth>=1.5'");
  }
}
