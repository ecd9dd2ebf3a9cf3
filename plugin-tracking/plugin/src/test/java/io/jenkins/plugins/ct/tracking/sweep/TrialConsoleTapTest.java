package io.jenkins.plugins.ct.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class TrialConsoleTapTest {
  @Test
  public void shouldNameTheAgentCopiesOfTwoJobsApartWhenBuildNumberAndSweepAgree() {
    // two branches of one multibranch project, both at build 12, both running the sweep "nightly"
    String main = TrialConsoleTap.agentCopyName("team/model/main#12", "nightly", 1);
    String dev = TrialConsoleTap.agentCopyName("team/model/dev#12", "nightly", 1);

    assertThat(main).isNotEqualTo(dev);
    assertThat(TrialConsoleTap.agentCopyName("team/model/main#12", "nightly", 2))
        .isNotEqualTo(main);
    assertThat(TrialConsoleTap.agentCopyName("team/model/main#12", "nightly", 1)).isEqualTo(main);
  }

  @Test
  public void shouldKeepTheAgentCopyInTheTemporaryDirectoryWhateverTheSweepIsCalled() {
    String name = TrialConsoleTap.agentCopyName("job#3", "resnet/lr sweep: \"α\"", 7);

    assertThat(name).matches("ct-sweep-[0-9a-f]{16}-t7\\.console");
  }
}
