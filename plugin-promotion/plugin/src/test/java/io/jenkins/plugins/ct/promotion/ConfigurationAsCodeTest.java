package io.jenkins.plugins.ct.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;

public class ConfigurationAsCodeTest {
  @Rule public final JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

  @Test
  @ConfiguredWithCode("configuration-as-code.yml")
  public void shouldReadConnectionsFromYamlAndExportThemWithoutTheToken() throws Exception {
    GitLabConnection connection = CtPromotionConfiguration.get().connection("gitlab");

    assertThat(connection.getUrl()).isEqualTo("https://gitlab.example.com");
    assertThat(connection.getCredentialsId()).isEqualTo("gitlab-api-token");
    assertThat(connection.getReadTimeoutSeconds()).isEqualTo(30);
    assertThat(connection.getConnectTimeoutSeconds())
        .isEqualTo(GitLabConnection.DEFAULT_CONNECT_TIMEOUT);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConfigurationAsCode.get().export(out);
    String exported = out.toString(StandardCharsets.UTF_8);
    assertThat(exported)
        .contains("ctPromotion:")
        .contains("credentialsId: \"gitlab-api-token\"")
        .doesNotContain("glpat-casc-secret-0042");
  }
}
