package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import io.ctsuite.gpu.GpuSettings;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class CtGpuConfigurationTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldKeepEveryFieldThroughTheSystemPage() throws Exception {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    GpuTypeSetting a100 = new GpuTypeSetting("a100");
    a100.setNodeLabels("NVIDIA-A100-SXM4-80GB");
    a100.setPricePerHour(3.4);
    GpuQuotaSetting vision = new GpuQuotaSetting(16);
    vision.setFolder("team-vision");
    c.setGpuTypes(List.of(a100));
    c.setQuotas(List.of(vision));
    c.setShmSize("32Gi");
    c.setConnectTimeoutSeconds(2400);
    c.setPodRetention("on-failure");
    c.setPriorities("production-retrain\nnightly\nhpo-sweep");
    c.setPendingTimeout("45m");

    r.configRoundtrip();

    CtGpuConfiguration after = CtGpuConfiguration.get();
    assertThat(after.getGpuTypes()).hasSize(1);
    assertThat(after.getGpuTypes().get(0).getPricePerHour()).isEqualTo(3.4);
    assertThat(after.getQuotas().get(0).getFolder()).isEqualTo("team-vision");
    assertThat(after.getShmSize()).isEqualTo("32Gi");
    assertThat(after.getConnectTimeoutSeconds()).isEqualTo(2400);
    assertThat(after.getPodRetention()).isEqualTo("on-failure");
    GpuSettings settings = after.settings();
    assertThat(settings.pods().productsOf("a100")).containsExactly("NVIDIA-A100-SXM4-80GB");
    assertThat(settings.prices()).containsEntry("a100", 3.4);
    assertThat(settings.scheduling().quotas()).hasSize(1);
    assertThat(settings.reaper().pendingTimeout()).hasMinutes(45);
  }

  @Test
  public void shouldExplainBadValuesNextToTheFields() {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    assertThat(c.doCheckShmSize("lots").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(c.doCheckPendingTimeout("half an hour").renderHtml()).contains("is not a duration");
    assertThat(c.doCheckConnectTimeoutSeconds("100").kind).isEqualTo(FormValidation.Kind.WARNING);
    assertThat(c.doCheckGpuTolerations("- key: [").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(c.doCheckPriorities("a\nb", "c").renderHtml()).contains("is not one of");
    assertThat(c.doCheckGpuResourceName("amd.com/gpu").kind).isEqualTo(FormValidation.Kind.OK);
  }

  @Test
  public void shouldPersistAcrossALoad() {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    c.setCurrency("EUR");
    c.setSlotLeaseMinutes(30);

    CtGpuConfiguration loaded = new CtGpuConfiguration();

    assertThat(loaded.getCurrency()).isEqualTo("EUR");
    assertThat(loaded.getSlotLeaseMinutes()).isEqualTo(30);
    assertThat(loaded.settings().costModel().currency()).isEqualTo("EUR");
  }
}
