package io.ctsuite.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.gpu.cluster.EventView;
import io.ctsuite.gpu.cluster.NodeView;
import io.ctsuite.gpu.cluster.PodView;
import io.ctsuite.gpu.cost.CostModel;
import io.ctsuite.gpu.policy.Capacity;
import io.ctsuite.gpu.policy.QueuedRequest;
import io.ctsuite.gpu.policy.Quota;
import io.ctsuite.gpu.policy.RunningUsage;
import io.ctsuite.gpu.policy.SchedulingPolicy;
import io.ctsuite.gpu.reaper.AgentActivity;
import io.ctsuite.gpu.reaper.JenkinsAgents;
import io.ctsuite.gpu.slots.Lease;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * What the Jenkins glue keeps in its configuration, the queue or sends to agents must survive Java
 * serialization (XStream and remoting rely on it): settings, round results and leases.
 */
public class SerializableStateTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

  @SuppressWarnings("unchecked")
  private static <T extends Serializable> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  public void shouldKeepSettingsThroughSerialization() throws Exception {
    GpuSettings settings =
        new GpuSettings(
            null,
            List.of("jenkins=slave"),
            null,
            new SchedulingPolicy(null, null, List.of(new Quota("team-a", "a100", 8)), null),
            Map.of("a100", 3.4),
            "EUR",
            40.0);
    GpuSettings copy = roundTrip(settings);
    assertThat(copy).isEqualTo(settings);
    assertThat(copy.pods().gpuTolerations()).isEqualTo(settings.pods().gpuTolerations());
    assertThat(roundTrip(new CostModel(Map.of("h100", 7.0), null)))
        .isEqualTo(new CostModel(Map.of("h100", 7.0), null));
  }

  @Test
  public void shouldKeepARoundsResultThroughSerialization() throws Exception {
    var node =
        new NodeView(
            "n1",
            "NVIDIA-L4",
            "l4",
            Map.of("nvidia.com/gpu", 4L),
            Map.of("nvidia.com/gpu", 4L),
            false,
            true,
            false,
            List.of());
    var pod =
        new PodView(
            "ci",
            "p1",
            "u1",
            "n1",
            "Running",
            NOW,
            NOW,
            null,
            false,
            Map.of("nvidia.com/gpu", 1L),
            true,
            "gpu:l4",
            null,
            null);
    var event = new EventView("ci", "p1", "Normal", "Scheduled", "assigned", NOW, 1);
    GpuRound.Result result =
        new GpuRound(GpuSettings.defaults())
            .decide(
                new io.ctsuite.gpu.cluster.ClusterSnapshot(
                    List.of(node), List.of(pod), List.of(event), NOW),
                List.of(new QueuedRequest("job #1", "team", "nightly", "l4", 2, NOW)),
                List.of(new RunningUsage("p1", "team", "l4", 1)),
                new JenkinsAgents(Map.of("p1", AgentActivity.busy("job #0")), true),
                false);
    GpuRound.Result copy = roundTrip(result);
    assertThat(copy).isEqualTo(result);
    assertThat(copy.schedule().start()).hasSize(1);
    assertThat(roundTrip(Capacity.elastic()).isElastic()).isTrue();
  }

  @Test
  public void shouldKeepLeasesThroughSerialization() throws Exception {
    Lease lease = new Lease("job #1", List.of(0, 3), NOW, NOW.plusSeconds(60), "123@host");
    assertThat(roundTrip(lease)).isEqualTo(lease);
  }
}
