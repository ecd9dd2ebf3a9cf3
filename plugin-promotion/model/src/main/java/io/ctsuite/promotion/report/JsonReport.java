package io.ctsuite.promotion.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.gate.GateResult;
import java.io.UncheckedIOException;

/** The gate report for machines: the result's map as sorted, indented JSON. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(GateResult result) {
    try {
      return Json.mapper().writeValueAsString(result.toMap()) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
