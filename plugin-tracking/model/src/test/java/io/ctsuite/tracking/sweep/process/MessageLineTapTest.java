package io.ctsuite.tracking.sweep.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class MessageLineTapTest {
  private final List<String> seen = new ArrayList<>();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code text} in chunks of {@code size} bytes, as a log stream may deliver it. */
  private static void writeInChunks(MessageLineTap tap, String text, int size) {
    byte[] bytes = utf8(text);
    for (int at = 0; at < bytes.length; at += size) {
      tap.write(bytes, at, Math.min(size, bytes.length - at));
    }
  }

  @Test
  public void shouldHandOverOnlyTheLinesThatMayHoldAMessage() {
    MessageLineTap tap = new MessageLineTap(seen::add);

    writeInChunks(
        tap,
        "epoch 1: loss 0.3\n##ct[metric key='val/acc' value='0.5' step='1']\r\n"
            + "+ echo '##ct[metric key=x value=1]'\nplain ## text [ct]\n",
        1000);

    // the shell's trace is a candidate too: telling it apart is the parser's job, as for files
    assertThat(seen)
        .containsExactly(
            "##ct[metric key='val/acc' value='0.5' step='1']",
            "+ echo '##ct[metric key=x value=1]'");
  }

  @Test
  public void shouldPutTogetherLinesSplitAcrossChunksOfAnySize() {
    String output =
        "début ✓\n##ct[metric key='val/ précision' value='0.71' step='3']\nnoise\n"
            + "##ct[metric key='val/acc' value='0.8' step='4']\n";
    for (int size : new int[] {1, 2, 3, 7, 64}) {
      seen.clear();
      MessageLineTap tap = new MessageLineTap(seen::add);

      writeInChunks(tap, output, size);

      assertThat(seen)
          .as("chunks of %d bytes", size)
          .containsExactly(
              "##ct[metric key='val/ précision' value='0.71' step='3']",
              "##ct[metric key='val/acc' value='0.8' step='4']");
      assertThat(tap.bytes()).isEqualTo(utf8(output).length);
    }
  }

  @Test
  public void shouldHoldAnUnfinishedLineUntilItsEndOrTheEndOfTheOutput() {
    MessageLineTap tap = new MessageLineTap(seen::add);

    // the second message is still being written: nothing to hand over until it ends
    writeInChunks(tap, "##ct[metric key='a' value='1']\n##ct[metric key='b' value='2", 5);
    assertThat(seen).containsExactly("##ct[metric key='a' value='1']");

    tap.finish();
    tap.finish();
    assertThat(seen)
        .containsExactly("##ct[metric key='a' value='1']", "##ct[metric key='b' value='2");
  }

  @Test
  public void shouldKeepWhatFollowsTheLastCarriageReturnOfAnOverlongLine() {
    MessageLineTap tap = new MessageLineTap(seen::add, 64);
    StringBuilder progress = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      progress.append("\r").append(i).append("% |####      |");
    }

    writeInChunks(tap, progress + "\r##ct[metric key='a' value='1']\n", 10);

    assertThat(seen).containsExactly("##ct[metric key='a' value='1']");
  }

  @Test
  public void shouldSkipAnOverlongLineWithoutCarriageReturnsAndGoOnAfterIt() {
    MessageLineTap tap = new MessageLineTap(seen::add, 64);

    writeInChunks(
        tap,
        "x".repeat(500) + "##ct[metric key='lost' value='1']\n##ct[metric key='kept' value='2']\n",
        33);

    assertThat(seen).containsExactly("##ct[metric key='kept' value='2']");
  }

  @Test
  public void shouldHandOverALastMessageThatNoLineFeedFollows() {
    MessageLineTap tap = new MessageLineTap(seen::add);

    // printf '##ct[...]' as a trial's last words: the stream is never closed behind it
    writeInChunks(tap, "epoch 9\n##ct[metric key='val/acc' value='0.9' step='9']", 1000);

    assertThat(seen).containsExactly("##ct[metric key='val/acc' value='0.9' step='9']");
  }

  @Test
  public void shouldHandOverEachMessageOnceWhenALineGoesOnAfterIt() {
    String output =
        "##ct[metric key='a' value='1' step='1'] ##ct[metric key='b' value='2' step='1'] done\r\n"
            + "##ct[metric key='c' value='3' step='1']\n";
    for (int size : new int[] {1, 2, 5, 39, 40, 41, 1000}) {
      seen.clear();
      MessageLineTap tap = new MessageLineTap(seen::add);

      writeInChunks(tap, output, size);

      assertThat(String.join("", seen).split("##ct\\[", -1))
          .as("chunks of %d bytes: %s", size, seen)
          .hasSize(4);
      assertThat(String.join("|", seen))
          .as("chunks of %d bytes", size)
          .contains("key='a'", "key='b'", "key='c'");
    }
  }

  @Test
  public void shouldWaitWhenAChunkStopsAtABracketInsideAQuotedValue() {
    MessageLineTap tap = new MessageLineTap(seen::add);

    tap.write(utf8("##ct[message text='shape [3]"), 0, 28);
    assertThat(seen).isEmpty();
    tap.write(utf8(" ok']\n"), 0, 6);

    assertThat(seen).containsExactly("##ct[message text='shape [3] ok']");
  }
}
