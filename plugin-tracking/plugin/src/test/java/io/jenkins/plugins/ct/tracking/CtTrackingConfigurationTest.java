package io.jenkins.plugins.ct.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The global defaults survive the configuration form and are checked as users type them. */
public class CtTrackingConfigurationTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldKeepTheDefaultsThroughTheConfigurationForm() throws Exception {
    CtTrackingConfiguration c = CtTrackingConfiguration.get();
    c.setSamplingIntervalSeconds(30);
    c.setDefaultKeyMetric("val/mAP");

    r.configRoundtrip();

    assertThat(CtTrackingConfiguration.get().getSamplingIntervalSeconds()).isEqualTo(30);
    assertThat(CtTrackingConfiguration.get().getDefaultKeyMetric()).isEqualTo("val/mAP");
    assertThat(CtTrackingConfiguration.samplingIntervalOrDefault()).isEqualTo(30);
  }

  @Test
  public void shouldExplainAnUnusableInterval() {
    CtTrackingConfiguration c = CtTrackingConfiguration.get();

    assertThat(c.doCheckSamplingIntervalSeconds("0").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(c.doCheckSamplingIntervalSeconds("ten").getMessage()).contains("whole number");
    assertThat(c.doCheckDefaultKeyMetric("val loss").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(c.doCheckDefaultKeyMetric("eval/accuracy").kind).isEqualTo(FormValidation.Kind.OK);
  }
}
