package io.jenkins.plugins.ct.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The global settings survive the System page and are what the steps use. */
public class CtDatasetsConfigurationTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldKeepTheSettingsThroughTheSystemPage() throws Exception {
    CtDatasetsConfiguration c = CtDatasetsConfiguration.get();
    c.setRegistry("s3://ml-data/registry");
    c.setS3Endpoint("http://minio.example:9000");
    c.setDefaultPathPatterns("{source}/{label}/*\n{label}/*");
    c.setDefaultPolicy("growth>=1.5, new-source");
    r.configRoundtrip();
    CtDatasetsConfiguration after = CtDatasetsConfiguration.get();
    assertThat(after.getRegistry()).isEqualTo("s3://ml-data/registry");
    assertThat(after.getS3Endpoint()).isEqualTo("http://minio.example:9000");
    assertThat(after.pathPatterns()).containsExactly("{source}/{label}/*", "{label}/*");
    assertThat(after.getDefaultPolicy()).isEqualTo("growth>=1.5, new-source");
  }

  @Test
  public void shouldDefaultToARegistryInJenkinsHome() {
    assertThat(CtDatasetsConfiguration.get().effectiveRegistry())
        .isEqualTo(r.jenkins.getRootDir().toPath().resolve("ct-datasets/registry").toString());
  }
}
