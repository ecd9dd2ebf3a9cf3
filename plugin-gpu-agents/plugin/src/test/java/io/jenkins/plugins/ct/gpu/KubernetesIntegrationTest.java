package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.csanchez.jenkins.plugins.kubernetes.pod.retention.Never;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Plain GPU labels against the real Kubernetes plugin, without a cluster: the cloud points at a
 * closed port, so nothing is provisioned, but the plugin's template choice is what it would use.
 * Golden pods kubernetes-plugin style: {@code <case>-before.yaml} (the administrator's template)
 * and {@code <case>-after.yaml} (what gets provisioned).
 */
public class KubernetesIntegrationTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  private KubernetesCloud cloud(PodTemplate... templates) throws Exception {
    KubernetesCloud cloud = new KubernetesCloud("k8s");
    cloud.setServerUrl("https://127.0.0.1:9");
    cloud.setNamespace("ml");
    cloud.setTemplates(List.of(templates));
    r.jenkins.clouds.add(cloud);
    return cloud;
  }

  @Test
  public void shouldOfferATemplateForAQueuedGpuLabel() throws Exception {
    KubernetesCloud cloud = cloud();
    Label label = r.jenkins.getLabel("gpu:a100:2");
    assertThat(cloud.getTemplate(label)).as("before anything asks for it").isNull();
    WorkflowJob job = r.createProject(WorkflowJob.class, "train");
    job.setDefinition(new CpsFlowDefinition("node('gpu:a100:2') { echo 'x' }", true));
    WorkflowRun run = job.scheduleBuild2(0).waitForStart();
    r.waitForMessage("Still waiting to schedule task", run);

    PodTemplate template = cloud.getTemplate(label);

    assertThat(template).isNotNull();
    assertThat(template.getId()).startsWith(GpuPodTemplates.ID_PREFIX);
    assertThat(template.getName()).isEqualTo("gpu-a100-2");
    assertThat(template.getNodeUsageMode()).isEqualTo(Node.Mode.EXCLUSIVE);
    assertThat(template.getSlaveConnectTimeout()).isEqualTo(1800);
    assertThat(template.getPodRetention()).isInstanceOf(Never.class);
    assertThat(normalise(template.getYaml())).isEqualTo(golden("pods/a100-two-after.yaml"));
    run.doStop();
  }

  @Test
  public void shouldLeaveLabelsOfStaticMachinesToThem() throws Exception {
    KubernetesCloud cloud = cloud();
    r.jenkins.setLabelString("gpu:2");
    r.jenkins.setNumExecutors(0);
    WorkflowJob job = r.createProject(WorkflowJob.class, "static");
    job.setDefinition(new CpsFlowDefinition("node('gpu:2') { echo 'x' }", true));
    WorkflowRun run = job.scheduleBuild2(0).waitForStart();
    r.waitForMessage("Still waiting to schedule task", run);

    assertThat(cloud.getTemplate(r.jenkins.getLabel("gpu:2"))).isNull();
    run.doStop();
  }

  @Test
  public void shouldMergeTheGpuPodIntoAnAdministratorsGpuTemplate() throws Exception {
    PodTemplate vision = new PodTemplate();
    vision.setName("vision");
    vision.setLabel(golden("GpuPodTemplateFilterTest/vision-label.txt").strip());
    vision.setYaml(golden("GpuPodTemplateFilterTest/vision-before.yaml"));
    KubernetesCloud cloud = cloud(vision);

    List<PodTemplate> provisioned = cloud.getTemplatesFor(r.jenkins.getLabel("vision"));

    assertThat(provisioned).hasSize(1);
    assertThat(provisioned.get(0).getYamls()).hasSize(1);
    assertThat(normalise(provisioned.get(0).getYamls().get(0)))
        .isEqualTo(golden("GpuPodTemplateFilterTest/vision-after.yaml"));
    assertThat(cloud.getTemplatesFor(r.jenkins.getLabel("vision")).get(0).getName())
        .isEqualTo("vision");
  }

  @Test
  public void shouldLeaveTemplatesWithoutAGpuRequestAlone() throws Exception {
    PodTemplate maven = new PodTemplate();
    maven.setName("maven");
    maven.setLabel("maven");
    maven.setYaml("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: maven\n");
    KubernetesCloud cloud = cloud(maven);

    PodTemplate provisioned = cloud.getTemplatesFor(r.jenkins.getLabel("maven")).get(0);

    assertThat(provisioned.getYamls()).containsExactly(maven.getYaml());
  }

  @Test
  public void shouldReportACloudThatCannotBeReadOnTheRound() throws Exception {
    KubernetesCloud cloud = cloud();

    GpuClusterState.Round round =
        GpuReaperWork.round(cloud, CtGpuConfiguration.get(), hudson.model.TaskListener.NULL, true);

    assertThat(round.error()).startsWith("cannot read the cluster of cloud k8s:");
    assertThat(round.inventory()).isNull();
  }

  private static String normalise(String yaml) {
    return yaml.replaceAll("(ctsuite.io/controller: )j[0-9a-f]{16}", "$1j0123456789abcdef");
  }

  private static String golden(String name) throws Exception {
    return Files.readString(
        Path.of(KubernetesIntegrationTest.class.getResource(name).toURI()), StandardCharsets.UTF_8);
  }
}
