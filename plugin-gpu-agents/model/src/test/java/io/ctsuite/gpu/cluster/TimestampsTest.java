package io.ctsuite.gpu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.Test;

public class TimestampsTest {

  @Test
  public void shouldReadWhatTheApiServerWrites() {
    for (String text :
        new String[] {
          "2024-03-31T09:03:25Z",
          "2024-02-29T23:59:59Z",
          "2023-01-19T06:49:40.123456Z",
          "2023-01-19T06:49:40.5Z",
          "1970-01-01T00:00:00Z"
        }) {
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  public void shouldReadOtherOffsetsAndRefuseNonsense() {
    assertThat(Timestamps.parse("2024-03-31T11:03:25+02:00"))
        .isEqualTo(OffsetDateTime.parse("2024-03-31T11:03:25+02:00").toInstant());
    assertThat(Timestamps.parse("2023-02-29T00:00:00Z")).isNull();
    assertThat(Timestamps.parse("2023-01-19T25:00:00Z")).isNull();
    assertThat(Timestamps.parse("yesterday")).isNull();
    assertThat(Timestamps.parse("")).isNull();
    assertThat(Timestamps.parse(null)).isNull();
  }
}
