package io.ctsuite.gpu.cost;

import io.ctsuite.core.InputException;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GPU time costs: a price per GPU-hour per type, from the team's cloud bill or price list. MIG
 * slices without a price of their own cost their share of the whole GPU (g/7); a "default" price
 * covers types not listed.
 *
 * @param pricePerGpuHour type (a100, h100, mig-1g.10gb, default) → price of one GPU for one hour
 * @param currency shown after amounts, e.g. USD or EUR
 */
public record CostModel(Map<String, Double> pricePerGpuHour, String currency)
    implements Serializable {
  private static final Pattern MIG = Pattern.compile("mig-(?:\\d+c\\.)?(\\d+)g\\..*");

  public CostModel {
    Map<String, Double> prices = new LinkedHashMap<>();
    if (pricePerGpuHour != null) {
      pricePerGpuHour.forEach(
          (type, price) -> {
            if (price == null || price < 0 || price.isNaN() || price.isInfinite()) {
              throw new InputException(
                  "prices." + type + ": a price per GPU-hour must be a number of at least 0");
            }
            prices.put(type.toLowerCase(Locale.ROOT), price);
          });
    }
    pricePerGpuHour = java.util.Collections.unmodifiableMap(prices);
    currency = currency == null || currency.isBlank() ? "USD" : currency.strip();
  }

  public static CostModel none() {
    return new CostModel(Map.of(), null);
  }

  /**
   * The price of one GPU-hour of a type; for a MIG slice its own price or its share of a whole GPU
   * ({@code baseType}, e.g. a100); null when unknown.
   */
  public Double price(String type, String baseType) {
    if (type != null) {
      Double exact = pricePerGpuHour.get(type.toLowerCase(Locale.ROOT));
      if (exact != null) {
        return exact;
      }
      Matcher mig = MIG.matcher(type.toLowerCase(Locale.ROOT));
      if (mig.matches()
          && baseType != null
          && pricePerGpuHour.containsKey(baseType.toLowerCase(Locale.ROOT))) {
        return pricePerGpuHour.get(baseType.toLowerCase(Locale.ROOT))
            * Math.min(1.0, Integer.parseInt(mig.group(1)) / 7.0);
      }
    }
    return pricePerGpuHour.get("default");
  }

  /** The cost of a build: its pod's lifetime times its GPUs times the price. */
  public BuildCost cost(String type, String baseType, double gpus, Duration lifetime) {
    double hours = lifetime.toMillis() / 3_600_000.0;
    double gpuHours = gpus * hours;
    Double price = price(type, baseType);
    return new BuildCost(
        type, gpus, lifetime, gpuHours, price == null ? null : price * gpuHours, currency);
  }
}
