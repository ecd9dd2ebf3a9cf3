package io.ctsuite.gpu.policy;

import io.ctsuite.core.InputException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who gets GPUs first and how many each may hold.
 *
 * @param priorities priority classes, highest first, e.g. [production-retrain, nightly, hpo-sweep]
 * @param defaultPriority the class of requests that name none (default: the last one)
 * @param quotas limits on GPUs held at once per folder and/or GPU type
 * @param backfill whether a smaller build may start on GPUs that a larger, higher build waits for;
 *     off by default so that large trainings are not starved by a stream of small jobs
 */
public record SchedulingPolicy(
    List<String> priorities, String defaultPriority, List<Quota> quotas, Boolean backfill)
    implements Serializable {

  public SchedulingPolicy {
    priorities =
        priorities == null || priorities.isEmpty()
            ? List.of("production-retrain", "nightly", "hpo-sweep")
            : priorities.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
    defaultPriority =
        defaultPriority == null
            ? priorities.get(priorities.size() - 1)
            : defaultPriority.strip().toLowerCase(Locale.ROOT);
    if (!priorities.contains(defaultPriority)) {
      throw new InputException(
          "scheduling.defaultPriority: '"
              + defaultPriority
              + "' is not one of the priorities "
              + priorities);
    }
    quotas = quotas == null ? List.of() : List.copyOf(quotas);
    backfill = backfill != null && backfill;
  }

  public static SchedulingPolicy defaults() {
    return new SchedulingPolicy(null, null, null, null);
  }

  /** Rank of a class: 0 for the highest; unknown classes rank with the default. */
  public int rank(String priorityClass) {
    int rank =
        priorityClass == null ? -1 : priorities.indexOf(priorityClass.toLowerCase(Locale.ROOT));
    return rank >= 0 ? rank : priorities.indexOf(defaultPriority);
  }

  /** The class a request effectively has. */
  public String classOf(String priorityClass) {
    return priorities.get(rank(priorityClass));
  }

  /** Quota indices that cover a folder and type, cached: a round asks for the same ones often. */
  Map<String, int[]> newQuotaCache() {
    return new HashMap<>();
  }

  int[] quotasFor(String folder, String type, Map<String, int[]> cache) {
    return cache.computeIfAbsent(
        folder + "\u0000" + type,
        k -> {
          int[] matches = new int[quotas.size()];
          int n = 0;
          for (int i = 0; i < quotas.size(); i++) {
            if (quotas.get(i).covers(folder, type)) {
              matches[n++] = i;
            }
          }
          return java.util.Arrays.copyOf(matches, n);
        });
  }
}
