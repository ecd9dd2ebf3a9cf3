package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.slaves.CloudRetentionStrategy;
import java.util.List;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesSlave;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** A build on a Kubernetes GPU agent pays for the pod's life, not only its node block. */
public class GpuPodLifetimesTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldChargeTheBuildFromTheAgentsCreationToItsRemoval() throws Exception {
    // the Kubernetes plugin looks up its agents' cloud; nothing listens at this address
    KubernetesCloud cloud = new KubernetesCloud("unreachable");
    cloud.setServerUrl("https://127.0.0.1:9");
    r.jenkins.clouds.add(cloud);
    PodTemplate template = new PodTemplate();
    template.setName("gpu-a100-1");
    template.setLabel("gpu:a100:1");
    // the Kubernetes plugin's own node class; a local agent process stands in for the pod
    KubernetesSlave agent =
        KubernetesSlave.builder()
            .podTemplate(template)
            .cloud(cloud)
            .label("gpu:a100:1")
            .computerLauncher(r.createComputerLauncher(null))
            .retentionStrategy(new CloudRetentionStrategy(60))
            .build();
    long created = System.currentTimeMillis();
    r.jenkins.addNode(agent);
    r.waitOnline(agent);
    Thread.sleep(3000); // idle before the build: scale-up and image pull in real life
    WorkflowJob job = r.createProject(WorkflowJob.class, "train");
    job.setDefinition(new CpsFlowDefinition("node('gpu:a100:1') { sleep 2 }", true));

    WorkflowRun run = r.buildAndAssertSuccess(job);
    Thread.sleep(3000); // idle after it, until the plugin deletes the pod
    agent.terminate();
    long removed = System.currentTimeMillis();

    List<GpuUse> uses = run.getAction(GpuUsageAction.class).getUses();
    assertThat(uses).hasSize(1);
    GpuUse use = uses.get(0);
    assertThat(use.getSource()).isEqualTo(GpuUse.POD);
    assertThat(use.getNode()).isEqualTo(agent.getNodeName());
    assertThat(use.getGpus()).isEqualTo(1.0);
    assertThat(use.getStartedAt()).isBetween(created, created + 1000);
    assertThat(use.getEndedAt()).isBetween(removed - 1000, removed);
    assertThat(use.getDurationMillis()).isGreaterThan(8000);
  }
}
