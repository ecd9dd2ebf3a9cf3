package io.ctsuite.tracking.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.tracking.run.MetricPoint;
import org.junit.Test;

public class ServiceMessageStampTest {
  private static final long SEEN = 1_716_735_746_500L;

  @Test
  public void shouldAddTheTimeToMetricsWithoutOne() {
    String stamped =
        ServiceMessageStamp.stamp("epoch 3 ##ct[metric key='loss' value='0.3'] done", SEEN);

    assertThat(stamped)
        .isEqualTo("epoch 3 ##ct[metric key='loss' value='0.3' ts='1716735746500'] done");
  }

  @Test
  public void shouldKeepATimeTheProgramGave() {
    String line = "##ct[metric key='loss' value='0.3' ts='1716000000']";

    assertThat(ServiceMessageStamp.stamp(line, SEEN)).isEqualTo(line);
  }

  @Test
  public void shouldLeaveOtherMessagesAndMalformedOnesAlone() {
    String line =
        "##ct[param key='lr' value='0.01'] ##ct[metric key='a' value='1'] ##ct[metric key='b"
            + " ##ct[tag 'nightly']";

    assertThat(ServiceMessageStamp.stamp(line, SEEN))
        .isEqualTo(
            "##ct[param key='lr' value='0.01'] ##ct[metric key='a' value='1' ts='1716735746500']"
                + " ##ct[metric key='b ##ct[tag 'nightly']");
  }

  @Test
  public void shouldGiveTheReaderTheTimeTheLineWasSeenAndKeepStepsCounting() {
    RecordingSink sink = new RecordingSink();
    ServiceMessageParser reader = new ServiceMessageParser("console.log", sink).clock(() -> 1L);

    reader.acceptLine(ServiceMessageStamp.stamp("##ct[metric key='loss' value='0.5']", SEEN));
    reader.acceptLine(ServiceMessageStamp.stamp("##ct[metric key='loss' value='0.4']", SEEN + 9));

    assertThat(sink.metrics)
        .containsExactly(
            new MetricPoint("loss", 0, SEEN, 0.5), new MetricPoint("loss", 1, SEEN + 9, 0.4));
  }

  @Test
  public void shouldRecogniseTheShellTraceOfACommandThatPrintsAMessage() {
    assertThat(ServiceMessageStamp.isShellTrace("+ echo '##ct[metric key=a value=1]'")).isTrue();
    assertThat(ServiceMessageStamp.isShellTrace("++ printf '##ct[tag a]'")).isTrue();
    assertThat(ServiceMessageStamp.isShellTrace("\u001B[8mha:AAAA\u001B[0m+ echo x")).isTrue();
    assertThat(ServiceMessageStamp.isShellTrace("##ct[metric key='a' value='1']")).isFalse();
    assertThat(ServiceMessageStamp.isShellTrace("+1.5% ##ct[metric key='a' value='1']")).isFalse();
    assertThat(ServiceMessageStamp.isShellTrace("+")).isFalse();
  }

  @Test
  public void shouldTellCheaplyWhetherALineMayHoldAMessage() {
    assertThat(ServiceMessageStamp.mayHoldMessage("Epoch 1/10 loss 0.3")).isFalse();
    assertThat(ServiceMessageStamp.mayHoldMessage("x ##ct[tag 'a']")).isTrue();
  }
}
