package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class GpuPodYamlStepTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldReturnTheGoldenPodForARequest() throws Exception {
    WorkflowJob job = r.createProject(WorkflowJob.class, "train");
    job.setDefinition(
        new CpsFlowDefinition(
            "def y = gpuPodYaml('gpu:a100:2')\necho \"=== pod\\n${y}=== end\"", true));

    WorkflowRun run = r.buildAndAssertSuccess(job);

    String log = JenkinsRule.getLog(run);
    String pod =
        log.substring(log.indexOf("=== pod\n") + "=== pod\n".length(), log.indexOf("=== end"))
            .replaceAll("(ctsuite.io/controller: )j[0-9a-f]{16}", "$1j0123456789abcdef");
    assertThat(pod).isEqualTo(golden("a100-two-after.yaml"));
    r.assertLogContains("GPU pod for 2 A100 GPUs (gpu:a100:2)", run);
  }

  @Test
  public void shouldMergeTheBasePodAndPrintWhatItOverrode() throws Exception {
    WorkflowJob job = r.createProject(WorkflowJob.class, "merge");
    job.setDefinition(
        new CpsFlowDefinition(
            "echo gpuPodYaml(request: 'gpu:h100:4', yaml: '''kind: Pod\n"
                + "spec:\n  nodeSelector:\n    nvidia.com/gpu.product: Tesla-T4\n"
                + "  containers:\n  - name: sidecar\n    image: busybox\n''')",
            true));

    WorkflowRun run = r.buildAndAssertSuccess(job);

    r.assertLogContains("name: sidecar", run);
    r.assertLogContains("NVIDIA-H100-80GB-HBM3", run);
    r.assertLogContains(
        "the GPU request overrode the base pod: node selector nvidia.com/gpu.product=Tesla-T4",
        run);
  }

  @Test
  public void shouldFailCalmlyForAnUnknownGpuType() throws Exception {
    WorkflowJob job = r.createProject(WorkflowJob.class, "bad");
    job.setDefinition(new CpsFlowDefinition("gpuPodYaml('gpu:x100:2')", true));

    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

    r.assertLogContains(
        "gpuPodYaml: GPU request 'gpu:x100:2': the GPU type 'x100' is not configured", run);
    r.assertLogNotContains("\tat ", run);
  }

  @Test
  public void shouldUseTheConfiguredGpuTypes() throws Exception {
    GpuTypeSetting b200 = new GpuTypeSetting("b200");
    b200.setNodeLabels("NVIDIA-B200");
    CtGpuConfiguration.get().setGpuTypes(java.util.List.of(b200));
    WorkflowJob job = r.createProject(WorkflowJob.class, "b200");
    job.setDefinition(new CpsFlowDefinition("echo gpuPodYaml('gpu:b200:8')", true));

    WorkflowRun run = r.buildAndAssertSuccess(job);

    r.assertLogContains("nvidia.com/gpu.product: NVIDIA-B200", run);
  }

  @Test
  public void shouldRoundTripInTheSnippetGenerator() throws Exception {
    SnippetizerTester snippets = new SnippetizerTester(r);
    snippets.assertRoundTrip(new GpuPodYamlStep("gpu:a100:2"), "gpuPodYaml 'gpu:a100:2'");
    GpuPodYamlStep withBase = new GpuPodYamlStep("gpu:2,spot");
    withBase.setYaml("kind: Pod\n");
    snippets.assertRoundTrip(withBase, "gpuPodYaml request: 'gpu:2,spot', yaml: '''kind: Pod\n'''");
  }

  private static String golden(String name) throws Exception {
    Path path = Path.of(GpuPodYamlStepTest.class.getResource("pods/" + name).toURI());
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
