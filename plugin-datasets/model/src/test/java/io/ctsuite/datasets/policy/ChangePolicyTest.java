package io.ctsuite.datasets.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Manifests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class ChangePolicyTest {
  // the test manifests' files were all modified at this time
  private static final Instant MODIFIED = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final Instant LATER = MODIFIED.plus(Duration.ofHours(1));

  private static Manifest videos(int a, int c) {
    Manifests m = Manifests.manifest();
    for (int i = 0; i < a; i++) {
      m.file("hospital-a/" + i + ".mp4", "a" + i, "hospital-a", "cholecystectomy");
    }
    for (int i = 0; i < c; i++) {
      m.file("hospital-c/" + i + ".mp4", "c" + i, "hospital-c", "cholecystectomy");
    }
    return m.build();
  }

  private static Decision decide(String policy, Manifest before, Manifest after, Instant now) {
    return ChangePolicy.parse(policy)
        .decide("surgical-videos", "v41", before, "v42", after, null, now);
  }

  @Test
  public void shouldFireAndSayWhyInOneSentence() {
    Decision decision = decide("growth>=2, new-source", videos(1250, 0), videos(1250, 1320), LATER);

    assertThat(decision.fire()).isTrue();
    assertThat(decision.reason())
        .isEqualTo("surgical-videos grew 2.06× since v41: +1,320 files, new source hospital-c");
    assertThat(decision.met()).containsExactly("growth>=2.0", "new-source");
  }

  @Test
  public void shouldNotFireOnASmallChangeAndSayWhatItNeeds() {
    Decision decision = decide("growth>=2, files>=1000", videos(1000, 0), videos(1012, 0), LATER);

    assertThat(decision.fire()).isFalse();
    assertThat(decision.reason())
        .isEqualTo(
            "surgical-videos changed too little since v41 to retrain: +12 files (+1.2%); the policy"
                + " needs growth ≥ 2.00× or ≥ 1,000 files new");
  }

  @Test
  public void shouldFireOnANewSourceAlone() {
    Decision decision = decide("new-source", videos(100, 0), videos(100, 1), LATER);

    assertThat(decision.fire()).isTrue();
    assertThat(decision.reason())
        .startsWith("surgical-videos has a new source hospital-c since v41");
  }

  @Test
  public void shouldWaitForTheQuietPeriodWhileFilesArrive() {
    Instant tooSoon = MODIFIED.plus(Duration.ofSeconds(40));

    Decision waiting = decide("files>=10, quiet=10m", videos(10, 0), videos(30, 0), tooSoon);
    Decision settled = decide("files>=10, quiet=10m", videos(10, 0), videos(30, 0), LATER);

    assertThat(waiting.fire()).isFalse();
    assertThat(waiting.reason())
        .startsWith(
            "surgical-videos is still changing: its newest file is 40 s old, less than the"
                + " quiet period of 10 min");
    assertThat(settled.fire()).isTrue();
  }

  @Test
  public void shouldNotFireWithoutChange() {
    Decision decision = decide("", videos(10, 0), videos(10, 0), LATER);

    assertThat(decision.fire()).isFalse();
    assertThat(decision.reason())
        .isEqualTo("surgical-videos has not changed since v41 (same content)");
  }

  @Test
  public void shouldFireOnAnyChangeByDefaultAndOnBytesAndLabelShift() {
    assertThat(decide("", videos(10, 0), videos(11, 0), LATER).fire()).isTrue();
    assertThat(decide("bytes>=1KB", videos(10, 0), videos(11, 0), LATER).fire()).isFalse();
    assertThat(decide("label-shift>0.1", videos(10, 0), videos(11, 0), LATER).fire()).isFalse();
  }

  @Test
  public void shouldExplainAPolicyItCannotRead() {
    assertThatThrownBy(() -> ChangePolicy.parse("growth>=2, grwoth>=3"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("policy item 'grwoth>=3': unknown condition 'grwoth'");
    assertThatThrownBy(() -> ChangePolicy.parse("bytes>=10 apples"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("policy item");
    assertThatThrownBy(() -> ChangePolicy.parse("quiet=soon"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'soon' is not a duration");
    assertThat(ChangePolicy.parse("quiet=2h").quietPeriod()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  public void shouldSurviveJavaSerializationAndDecideTheSame() throws Exception {
    ChangePolicy policy = ChangePolicy.parse("growth>=2, new-source, quiet=10m");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(policy);
    }
    ChangePolicy back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ChangePolicy) in.readObject();
    }

    Decision original = policy.decide("d", "v1", videos(10, 0), "v2", videos(10, 30), null, LATER);
    Decision copy = back.decide("d", "v1", videos(10, 0), "v2", videos(10, 30), null, LATER);
    assertThat(copy).isEqualTo(original);
  }
}
