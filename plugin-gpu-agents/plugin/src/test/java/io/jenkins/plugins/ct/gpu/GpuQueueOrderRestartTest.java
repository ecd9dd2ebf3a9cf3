package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Queue;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** An administrator's move in the GPU queue survives a controller restart, as the queue does. */
public class GpuQueueOrderRestartTest {
  @Rule public JenkinsSessionRule sessions = new JenkinsSessionRule();

  private static List<String> order() {
    return GpuQueueOrder.get().ordered().stream().map(i -> i.task.getName()).toList();
  }

  @Test
  public void shouldKeepAMoveAcrossARestart() throws Throwable {
    sessions.then(
        r -> {
          // no node has these labels: both stay in the queue
          FreeStyleProject nightly = r.createFreeStyleProject("nightly");
          nightly.setAssignedLabel(Label.get("gpu:2,priority=nightly"));
          FreeStyleProject sweep = r.createFreeStyleProject("sweep");
          sweep.setAssignedLabel(Label.get("gpu:2,priority=hpo-sweep"));
          nightly.scheduleBuild2(0);
          sweep.scheduleBuild2(0);
          Queue.getInstance().maintain();
          assertThat(order()).containsExactly("nightly", "sweep");

          Queue.Item item = Queue.getInstance().getItem(sweep);
          assertThat(GpuQueueOrder.get().move(item.getId(), true)).isTrue();

          assertThat(order()).containsExactly("sweep", "nightly");
          assertThat(GpuQueueOrder.file().exists()).isTrue();
        });
    sessions.then(
        r -> {
          assertThat(Queue.getInstance().getItems()).hasSize(2);
          assertThat(order()).containsExactly("sweep", "nightly");
        });
  }
}
