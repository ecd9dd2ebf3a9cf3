package io.ctsuite.gpu.pod;

import io.ctsuite.core.InputException;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Arithmetic on Kubernetes quantities (CPU cores, bytes), written back in their usual units. */
public final class Quantities {
  private static final BigDecimal MI = BigDecimal.valueOf(1L << 20);
  private static final BigDecimal GI = BigDecimal.valueOf(1L << 30);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private Quantities() {}

  /** The amount of a quantity in base units (cores or bytes); {@code field} names it in errors. */
  public static BigDecimal amount(String quantity, String field) {
    try {
      return Quantity.getAmountInBytes(new Quantity(quantity));
    } catch (RuntimeException e) {
      throw new InputException(
          field + ": '" + quantity + "' is not a Kubernetes quantity (e.g. 8, 500m, 32Gi)");
    }
  }

  /** Cores as Kubernetes writes them: whole cores bare ("16"), otherwise millicores, rounded up. */
  public static String cpu(BigDecimal cores) {
    BigDecimal stripped = cores.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      return stripped.toBigInteger().toString();
    }
    return cores.multiply(THOUSAND).setScale(0, RoundingMode.CEILING).toBigInteger() + "m";
  }

  /** Bytes in Gi when whole, otherwise in Mi rounded up. */
  public static String memory(BigDecimal bytes) {
    if (bytes.remainder(GI).signum() == 0) {
      return bytes.divide(GI).toBigInteger() + "Gi";
    }
    return bytes.divide(MI, 0, RoundingMode.CEILING).toBigInteger() + "Mi";
  }

  /** Compares two quantities by amount; unparsable text compares as zero. */
  public static int compare(String a, String b) {
    return safeAmount(a).compareTo(safeAmount(b));
  }

  private static BigDecimal safeAmount(String quantity) {
    try {
      return Quantity.getAmountInBytes(new Quantity(quantity));
    } catch (RuntimeException e) {
      return BigDecimal.ZERO;
    }
  }
}
