package io.ctsuite.gpu.cost;

import java.util.Locale;

/** GPU counts in words: "4 A100s", "1 A100", "2 GPUs", "3 mig-1g.10gb slices". */
final class GpuWords {
  private GpuWords() {}

  static String gpus(double count, String type) {
    String n =
        count == Math.rint(count)
            ? String.valueOf((long) count)
            : String.format(Locale.ROOT, "%.2f", count);
    boolean one = count == 1;
    if (type == null) {
      return n + " GPU" + (one ? "" : "s");
    }
    if (type.startsWith("mig-")) {
      return n + " " + type + " slice" + (one ? "" : "s");
    }
    return n + " " + type.toUpperCase(Locale.ROOT) + (one ? "" : "s");
  }
}
