package io.ctsuite.gpu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.gpu.request.GpuRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SchedulerTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

  private static QueuedRequest queued(
      String id, String folder, String priority, String type, int gpus, int minutesAgo) {
    return new QueuedRequest(
        id, folder, priority, type, gpus, NOW.minus(Duration.ofMinutes(minutesAgo)));
  }

  private final SchedulingPolicy policy =
      new SchedulingPolicy(
          List.of("production-retrain", "nightly", "hpo-sweep"),
          "nightly",
          List.of(new Quota("team-vision", null, 8), new Quota(null, "h100", 16)),
          false);

  @Test
  public void shouldStartByPriorityThenByAge() {
    Schedule schedule =
        new Scheduler(policy)
            .decide(
                List.of(
                    queued("sweep #1", "team-nlp/hpo", "hpo-sweep", "a100", 1, 60),
                    queued("nightly #2", "team-nlp/train", null, "a100", 2, 30),
                    queued("prod #3", "team-nlp/prod", "production-retrain", "a100", 4, 5),
                    queued("nightly #1", "team-nlp/train", "nightly", "a100", 2, 40)),
                List.of(),
                Capacity.elastic(),
                NOW);
    assertThat(schedule.start())
        .extracting(d -> d.request().id())
        .containsExactly("prod #3", "nightly #1", "nightly #2", "sweep #1");
    assertThat(schedule.start().get(0).reason())
        .isEqualTo("starts: production-retrain, queued 5 min, 4 A100 GPUs");
    assertThat(schedule.waiting()).isEmpty();
  }

  @Test
  public void shouldHoldATeamAtItsQuotaAndSayWhy() {
    Schedule schedule =
        new Scheduler(policy)
            .decide(
                List.of(
                    queued("vision/a #1", "team-vision/a", "nightly", "a100", 2, 10),
                    queued("vision/b #2", "team-vision/b", "nightly", "a100", 4, 5),
                    queued("nlp #3", "team-nlp", "nightly", "a100", 4, 1)),
                List.of(new RunningUsage("vision/c #9", "team-vision/c", "a100", 4)),
                Capacity.elastic(),
                NOW);
    assertThat(schedule.start())
        .extracting(d -> d.request().id())
        .containsExactly("vision/a #1", "nlp #3");
    assertThat(schedule.waiting()).hasSize(1);
    assertThat(schedule.waiting().get(0).reason())
        .isEqualTo("the quota for team-vision is 8 GPUs and 6 are in use; it needs 4 more");
  }

  @Test
  public void shouldSayWhenARequestCanNeverFitItsQuota() {
    Schedule schedule =
        new Scheduler(policy)
            .decide(
                List.of(queued("vision #1", "team-vision", "nightly", "a100", 16, 1)),
                List.of(),
                Capacity.elastic(),
                NOW);
    Schedule.Decision wait = schedule.waiting().get(0);
    assertThat(wait.never()).isTrue();
    assertThat(wait.reason())
        .isEqualTo(
            "asks for 16 A100 GPUs, more than the quota of 8 for team-vision, so it can never"
                + " start; ask for fewer or raise the quota");
  }

  @Test
  public void shouldApplyPerTypeQuotasAcrossFolders() {
    Schedule schedule =
        new Scheduler(policy)
            .decide(
                List.of(queued("llm #1", "team-llm", "production-retrain", "h100", 8, 1)),
                List.of(
                    new RunningUsage("a", "team-x", "h100", 8),
                    new RunningUsage("b", "team-y", "h100", 4)),
                Capacity.elastic(),
                NOW);
    assertThat(schedule.waiting().get(0).reason())
        .isEqualTo("the quota for all folders, h100 is 16 GPUs and 12 are in use; it needs 8 more");
  }

  @Test
  public void shouldPlaceAllGpusOfABuildOnOneNodeAndKeepOneForTheLargeBuild() {
    Capacity capacity = Capacity.of(Map.of("a100", List.of(2, 2, 3)));
    Schedule schedule =
        new Scheduler(policy)
            .decide(
                List.of(
                    queued("big #1", "team-nlp", "nightly", "a100", 4, 10),
                    queued("small #2", "team-nlp", "hpo-sweep", "a100", 2, 5),
                    queued("small #3", "team-nlp", "hpo-sweep", "a100", 2, 4),
                    queued("small #4", "team-nlp", "hpo-sweep", "a100", 2, 3)),
                List.of(),
                capacity,
                NOW);
    // 7 GPUs are free but no node has 4; the node with 3 is kept for the big build, and the
    // small builds use the other two nodes
    assertThat(schedule.start())
        .extracting(d -> d.request().id())
        .containsExactly("small #2", "small #3");
    assertThat(schedule.waiting())
        .extracting(Schedule.Decision::reason)
        .containsExactly(
            "no node has 4 A100 GPUs free (7 free in all, at most 3 on one node); the node with"
                + " the most free (3) is kept for it so that smaller builds do not starve it",
            "no node has 2 A100 GPUs free (none free); 3 more are kept for big #1");
  }

  @Test
  public void shouldBackfillWhenThePolicyAllows() {
    SchedulingPolicy backfill =
        new SchedulingPolicy(policy.priorities(), null, policy.quotas(), true);
    Schedule schedule =
        new Scheduler(backfill)
            .decide(
                List.of(
                    queued("big #1", "team-nlp", "nightly", "a100", 4, 10),
                    queued("small #2", "team-nlp", "hpo-sweep", "a100", 2, 5),
                    queued("small #3", "team-nlp", "hpo-sweep", "a100", 2, 4)),
                List.of(),
                Capacity.of(Map.of("a100", List.of(2, 3))),
                NOW);
    // best fit: #2 takes the node with 2, leaving 3 on the other for #3
    assertThat(schedule.start())
        .extracting(d -> d.request().id())
        .containsExactly("small #2", "small #3");
    assertThat(schedule.waiting().get(0).reason())
        .isEqualTo("no node has 4 A100 GPUs free (5 free in all, at most 3 on one node)");
  }

  @Test
  public void shouldNotLetAnAnyGpuBuildTakeTheTypeAHigherBuildWaitsFor() {
    Schedule schedule =
        new Scheduler(policy)
            .decide(
                List.of(
                    queued("a100 big", "team-nlp", "production-retrain", "a100", 8, 10),
                    queued("any small", "team-nlp", "hpo-sweep", null, 1, 5)),
                List.of(),
                Capacity.of(Map.of("a100", List.of(4), "t4", List.of(1))),
                NOW);
    assertThat(schedule.start()).extracting(d -> d.request().id()).containsExactly("any small");
    assertThat(schedule.start().get(0).reason()).endsWith("1 T4 GPU");
  }

  @Test
  public void shouldTreatMigSlicesAsTheirOwnCapacity() {
    GpuRequest slice = GpuRequest.parse("gpu:mig-1g.5gb:2,priority=nightly");
    QueuedRequest request = QueuedRequest.of("notebook #1", "team-nlp", slice, NOW);
    assertThat(request.gpuType()).isEqualTo("mig-1g.5gb");
    Schedule schedule =
        new Scheduler(policy)
            .decide(
                List.of(request), List.of(), Capacity.of(Map.of("mig-1g.5gb", List.of(3))), NOW);
    assertThat(schedule.start().get(0).reason())
        .isEqualTo("starts: nightly, queued 0 s, 2 mig-1g.5gb slices");
  }
}
