package io.ctsuite.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.promote.PromotionResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.Test;

/** The results the Jenkins steps keep with a build survive serialization. */
public class SerializationTest {
  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
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
  public void shouldSerializeTheGateResult() throws Exception {
    GateResult result =
        GateResult.fromJson(
            Fixtures.resource(io.ctsuite.promotion.report.JsonReport.class, "groq-gate.json"),
            "groq-gate.json");
    GateResult back = roundTrip(result);
    assertThat(back.toMap()).isEqualTo(result.toMap());
    assertThat(back.checks()).hasSize(2);
  }

  @Test
  public void shouldSerializeThePromotionResult() throws Exception {
    PromotionResult result =
        new PromotionResult(
            PromotionResult.Status.CREATED,
            5,
            "https://gitlab/mr/5",
            "ct/promote/x",
            "main",
            "abc",
            List.of("auto-merge refused"));
    assertThat(roundTrip(result).toMap()).isEqualTo(result.toMap());
  }
}
