package io.ctsuite.gpu.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class PodChargesTest {
  private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");

  private static Instant at(int minutes) {
    return CREATED.plus(Duration.ofMinutes(minutes));
  }

  @Test
  public void shouldChargeOneBuildThePodsWholeLifeFromCreationToDeletion() {
    PodCharges pod = new PodCharges(CREATED);

    PodCharges.Charge charge = pod.charge(at(6), at(36)); // 6 min of scale-up, 30 min of work

    assertThat(charge.from()).isEqualTo(CREATED);
    assertThat(charge.to()).isEqualTo(at(36));
    assertThat(pod.deleted(at(38))).contains(at(38)); // the pod is gone 2 min after the build
  }

  @Test
  public void shouldChargeEachMomentOnceWhenAPodServesSeveralBuilds() {
    PodCharges pod = new PodCharges(CREATED);

    PodCharges.Charge first = pod.charge(at(5), at(20));
    PodCharges.Charge second = pod.charge(at(25), at(40));

    assertThat(first.duration()).isEqualTo(Duration.ofMinutes(20));
    assertThat(second.from()).isEqualTo(at(20)); // the idle time between them goes to the second
    assertThat(second.duration()).isEqualTo(Duration.ofMinutes(20));
    assertThat(pod.deleted(at(50))).contains(at(50));
  }

  @Test
  public void shouldStartAtTheWorkWhenThePodsCreationIsUnknown() {
    PodCharges pod = new PodCharges(null);

    assertThat(pod.charge(at(6), at(36)).from()).isEqualTo(at(6));
  }

  @Test
  public void shouldChargeNothingMoreWhenNoBuildUsedThePodOrItEndedEarlier() {
    assertThat(new PodCharges(CREATED).deleted(at(10))).isEmpty();

    PodCharges pod = new PodCharges(CREATED);
    pod.charge(at(1), at(10));
    assertThat(pod.deleted(at(9))).isEmpty();
  }
}
