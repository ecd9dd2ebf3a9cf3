package io.ctsuite.tracking.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.tracking.run.MetricPoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class ServiceMessageParserTest {
  private final RecordingSink sink = new RecordingSink();
  private final ServiceMessageParser parser =
      new ServiceMessageParser("train.log", sink).clock(() -> 42_000L);

  @Test
  public void shouldReadAMetricWithStepAndTime() {
    assertThat(
            parser.acceptLine(
                "epoch 3 ##ct[metric key='val/mAP' value='0.412' step='3' ts='1716735746.5']"))
        .isEqualTo(1);

    assertThat(sink.metrics).containsExactly(new MetricPoint("val/mAP", 3, 1716735746500L, 0.412));
  }

  @Test
  public void shouldNumberStepsPerKeyWhenTheyAreMissing() {
    parser.acceptLine("##ct[metric key='loss' value='0.9']");
    parser.acceptLine("##ct[metric key='acc' value='0.1']");
    parser.acceptLine("##ct[metric key='loss' value='0.5']");
    parser.acceptLine("##ct[metric key='loss' value='0.4' step='10']");
    parser.acceptLine("##ct[metric key='loss' value='0.3']");

    assertThat(sink.metrics)
        .extracting(MetricPoint::key, MetricPoint::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("loss", 0L),
            org.assertj.core.groups.Tuple.tuple("acc", 0L),
            org.assertj.core.groups.Tuple.tuple("loss", 1L),
            org.assertj.core.groups.Tuple.tuple("loss", 10L),
            org.assertj.core.groups.Tuple.tuple("loss", 11L));
    assertThat(sink.metrics).allSatisfy(p -> assertThat(p.wallTime()).isEqualTo(42_000L));
  }

  @Test
  public void shouldKeepNanAndInfinity() {
    parser.acceptLine("##ct[metric key='loss' value='NaN' step='1']");
    parser.acceptLine("##ct[metric key='loss' value='inf' step='2']");
    parser.acceptLine("##ct[metric key='loss' value='-Infinity' step='3']");

    assertThat(sink.metrics)
        .extracting(MetricPoint::value)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertThat(sink.problems).isEmpty();
  }

  @Test
  public void shouldUnescapeEveryTeamCityEscape() {
    parser.acceptLine(
        "##ct[param key='note' value='it|'s |[a|] |||n line|nbreak|r and |0x263A smile']");

    assertThat(sink.params).containsEntry("note", "it's [a] |\n line\nbreak\r and \u263A smile");
  }

  @Test
  public void shouldTypeParams() {
    parser.acceptLine("##ct[param key='lr' value='0.01']");
    parser.acceptLine("##ct[param key='epochs' value='30']");
    parser.acceptLine("##ct[param key='amp' value='true']");
    parser.acceptLine("##ct[param key='arch' value='resnet50']");

    assertThat(sink.params)
        .containsEntry("lr", 0.01)
        .containsEntry("epochs", 30L)
        .containsEntry("amp", true)
        .containsEntry("arch", "resnet50");
  }

  @Test
  public void shouldReadTagsAndArtifactsInBothForms() {
    parser.acceptLine("##ct[tag 'nightly']");
    parser.acceptLine("##ct[tag key='arch' value='resnet50']");
    parser.acceptLine("##ct[artifact 'out/last.ckpt']");
    parser.acceptLine("##ct[artifact path='out/model.onnx' role='model']");

    assertThat(sink.tags).containsEntry("nightly", "").containsEntry("arch", "resnet50");
    assertThat(sink.artifacts).containsExactly("out/last.ckpt", "out/model.onnx (model)");
  }

  @Test
  public void shouldReadSeveralMessagesOnOneLine() {
    assertThat(
            parser.acceptLine(
                "##ct[metric key='a' value='1' step='0'] and ##ct[metric key='b' value='2' step='0']"))
        .isEqualTo(2);
    assertThat(sink.metrics).extracting(MetricPoint::key).containsExactly("a", "b");
  }

  @Test
  public void shouldKeepOddKeysVerbatim() {
    parser.acceptLine("##ct[metric key='val loss/ä–β [top-1|]' value='1e-3' step='0']");

    assertThat(sink.metrics.get(0).key()).isEqualTo("val loss/ä–β [top-1]");
    assertThat(sink.metrics.get(0).value()).isEqualTo(0.001);
  }

  @Test
  public void shouldReportMalformedMessagesWithLineAndColumnAndKeepGoing() {
    parser.acceptLine("plain output");
    parser.acceptLine("##ct[metric key='loss' value='0.3'"); // not closed
    parser.acceptLine("##ct[metric key='loss' value='abc']");
    parser.acceptLine("##ct[metric key='loss']");
    parser.acceptLine("x ##ct[metric key='loss' value='1|x']");
    parser.acceptLine("##ct[bogus key='a']");
    parser.acceptLine("##ct[metric key='loss' value='0.3' step='1.5']");
    parser.acceptLine("##ct[metric key='loss' value='0.25' step='7']");

    assertThat(sink.problemTexts())
        .containsExactly(
            "train.log:2: column 35: malformed service message: message not closed with ']'",
            "train.log:3: column 1: metric 'loss': value 'abc' is not a number",
            "train.log:4: column 1: service message 'metric' needs key and value",
            "train.log:5: column 34: malformed service message: unknown escape '|x'",
            "train.log:6: column 1: unknown service message 'bogus' (expected metric, param, tag or"
                + " artifact)",
            "train.log:7: column 1: metric 'loss': step '1.5' is not a whole number");
    assertThat(sink.metrics).containsExactly(new MetricPoint("loss", 7, 42_000L, 0.25));
  }

  @Test
  public void shouldRejectABadUnicodeEscape() {
    parser.acceptLine("##ct[tag '|0x12']");
    assertThat(sink.problemTexts())
        .containsExactly(
            "train.log:1: column 11: malformed service message: '|0x' must be followed by 4 hex"
                + " digits");
  }

  @Test
  public void shouldRoundTripFormattedMessages() {
    ServiceMessage message =
        ServiceMessage.of("param", "key", "path", "value", "C:\\a|b ['x']\nnext");
    ServiceMessage parsed = ServiceMessage.parse("prefix " + message.format() + " suffix");

    assertThat(parsed).isEqualTo(message);
    assertThat(ServiceMessage.metric("loss", 0.5, 3).format())
        .isEqualTo("##ct[metric key='loss' value='0.5' step='3']");
  }

  @Test
  public void shouldExplainWhyAMessageIsMalformed() {
    assertThatThrownBy(() -> ServiceMessage.parse("##ct[metric key=loss]"))
        .hasMessage("column 17: expected a quoted value for attribute 'key'");
    assertThatThrownBy(() -> ServiceMessage.parse("##ct[]"))
        .hasMessage("column 6: expected a message name after ##ct[");
  }

  @Test
  public void shouldPassBytesThroughAndReadMessagesSplitAcrossWrites() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    String log =
        "epoch 1\r\n##ct[metric key='loss' value='0.5' step='1']\nprogress 10%\rprogress 20%\r"
            + "##ct[metric key='loss' value='0.4' step='2']\n##ct[metric key='bad' value='x']\n"
            + "##ct[tag 'last-line-without-newline']";
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    try (ServiceMessageOutputStream out = new ServiceMessageOutputStream(console, parser)) {
      for (int i = 0; i < bytes.length; i += 7) {
        out.write(bytes, i, Math.min(7, bytes.length - i));
      }
    }

    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo(log);
    assertThat(sink.metrics).extracting(MetricPoint::value).containsExactly(0.5, 0.4);
    assertThat(sink.tags).containsKey("last-line-without-newline");
    assertThat(sink.problemTexts())
        .containsExactly("train.log:4: column 1: metric 'bad': value 'x' is not a number");
  }
}
