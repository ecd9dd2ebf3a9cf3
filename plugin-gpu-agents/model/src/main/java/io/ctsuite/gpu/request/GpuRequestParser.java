package io.ctsuite.gpu.request;

import io.ctsuite.core.InputException;
import io.ctsuite.gpu.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GPU requests. The grammar, small enough to type in a Jenkins label:
 *
 * <pre>
 * request  = "gpu" [ ":" type ] [ ":" mig ] [ ":" count ] { "," modifier }
 * type     = a GPU type such as a100, h100, l4 (a letter, then letters, digits, '.', '_', '-')
 * mig      = "mig-" profile, e.g. mig-1g.10gb, mig-3g.40gb, mig-1g.10gb+me
 * count    = a whole number of at least 1 (GPUs, or MIG slices with a profile); default 1
 * modifier = "spot" | "preemptible" | "shm=" size | "deadline=" duration | "priority=" class
 * </pre>
 *
 * Examples: {@code gpu}, {@code gpu:2}, {@code gpu:a100:4}, {@code gpu:h100}, {@code
 * gpu:mig-1g.10gb}, {@code gpu:2,spot}, {@code gpu:a100:8,shm=64Gi,deadline=12h}. Every error names
 * the request and the part that is wrong.
 */
public final class GpuRequestParser {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9._-]*");
  private static final Pattern MIG_PROFILE =
      Pattern.compile("(\\d+c\\.)?([1-7])g\\.\\d+gb(\\+me)?");
  private static final Pattern QUANTITY =
      Pattern.compile("(\\d+(\\.\\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?");
  private static final Pattern PRIORITY_CLASS =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final String EXAMPLES = "gpu, gpu:2, gpu:a100:4, gpu:mig-1g.10gb, gpu:2,spot";
  private static final String MODIFIERS =
      "spot, preemptible, shm=<size>, deadline=<duration>, priority=<class>";

  private GpuRequestParser() {}

  /** Whether a Jenkins label atom is a GPU request (starts with "gpu" then ':' ',' or ends). */
  public static boolean isGpuAtom(String atom) {
    if (atom == null || atom.length() < 3 || !atom.regionMatches(true, 0, "gpu", 0, 3)) {
      return false;
    }
    return atom.length() == 3 || atom.charAt(3) == ':' || atom.charAt(3) == ',';
  }

  /** Reads one request; throws {@link InputException} naming the part that is wrong. */
  public static GpuRequest parse(String text) {
    return parse(text, null);
  }

  /**
   * Reads one request found in {@code where} (e.g. "label 'linux && gpu:2'"), which the error
   * message names so that users find the request.
   */
  public static GpuRequest parse(String text, String where) {
    Errors errors = new Errors(text, where);
    String request = text == null ? "" : text.strip();
    if (request.isEmpty()) {
      throw errors.fail("the request is empty; write e.g. " + EXAMPLES);
    }
    int comma = request.indexOf(',');
    String head = comma < 0 ? request : request.substring(0, comma);
    GpuRequest.Builder builder = GpuRequest.builder();
    readHead(head.strip(), builder, errors);
    if (comma >= 0) {
      readModifiers(request.substring(comma + 1), builder, errors);
    }
    return builder.build();
  }

  private static void readHead(String head, GpuRequest.Builder builder, Errors errors) {
    String[] parts = head.split(":", -1);
    if (!parts[0].strip().equalsIgnoreCase("gpu")) {
      throw errors.fail(
          "'" + parts[0] + "' is not 'gpu'; a GPU request starts with 'gpu', e.g. " + EXAMPLES);
    }
    boolean seenType = false;
    boolean seenMig = false;
    boolean seenCount = false;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        throw errors.fail("there is nothing between two ':' or after the last ':'");
      }
      if (seenCount) {
        throw errors.fail(
            "'" + part + "' comes after the count; the count goes last, e.g. gpu:a100:2");
      }
      if (INTEGER.matcher(part).matches()) {
        builder.count(count(part, errors));
        seenCount = true;
      } else if (part.regionMatches(true, 0, "mig-", 0, 4)) {
        if (seenMig) {
          throw errors.fail("'" + part + "' is a second MIG profile; ask for one profile");
        }
        String profile = part.substring(4).toLowerCase(Locale.ROOT);
        if (!MIG_PROFILE.matcher(profile).matches()) {
          throw errors.fail(
              "'"
                  + part
                  + "' is not a MIG profile; profiles look like mig-1g.10gb, mig-3g.40gb"
                  + " or mig-1g.10gb+me");
        }
        builder.migProfile(profile);
        seenMig = true;
      } else {
        String type = part.toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(type).matches()) {
          throw errors.fail(
              "'"
                  + part
                  + "' is neither a GPU count (a whole number, at least 1), a GPU type"
                  + " (a100, h100, l4, ...) nor a MIG profile (mig-1g.10gb)");
        }
        if (seenType) {
          throw errors.fail("'" + part + "' is a second GPU type; ask for one type");
        }
        if (seenMig) {
          throw errors.fail(
              "the GPU type '"
                  + part
                  + "' comes after the MIG profile; write gpu:a100:mig-1g.10gb");
        }
        builder.type(type);
        seenType = true;
      }
    }
  }

  private static int count(String part, Errors errors) {
    if (part.startsWith("-")) {
      throw errors.fail(
          "'" + part + "' is not a GPU count; a count is a whole number of at least 1");
    }
    int count;
    try {
      count = Integer.parseInt(part.startsWith("+") ? part.substring(1) : part);
    } catch (NumberFormatException e) {
      throw errors.fail("'" + part + "' GPUs is more than any machine has");
    }
    if (count < 1) {
      throw errors.fail(
          "'" + part + "' GPUs: the count must be at least 1 (for no GPU, leave out the request)");
    }
    return count;
  }

  private static void readModifiers(String text, GpuRequest.Builder builder, Errors errors) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String raw : text.split(",", -1)) {
      String modifier = raw.strip();
      if (modifier.isEmpty()) {
        throw errors.fail("there is an empty modifier between two ',' or after the last ','");
      }
      int equals = modifier.indexOf('=');
      String name =
          (equals < 0 ? modifier : modifier.substring(0, equals)).toLowerCase(Locale.ROOT);
      String value = equals < 0 ? null : modifier.substring(equals + 1).strip();
      String key = name.equals("preemptible") ? "spot" : name;
      if (!seen.add(key)) {
        throw errors.fail("the modifier '" + name + "' appears twice");
      }
      switch (name) {
        case "spot", "preemptible" -> {
          if (value != null) {
            throw errors.fail("'" + modifier + "': '" + name + "' takes no value");
          }
          builder.spot(true);
        }
        case "shm" -> builder.shmSize(quantity(modifier, value, errors));
        case "deadline" -> builder.deadline(duration(modifier, value, errors));
        case "priority" -> builder.priority(priorityClass(modifier, value, errors));
        default ->
            throw errors.fail(
                "unknown modifier '" + modifier + "'; the modifiers are " + MODIFIERS);
      }
    }
  }

  private static String quantity(String modifier, String value, Errors errors) {
    Matcher m = value == null ? null : QUANTITY.matcher(value);
    if (m == null || !m.matches() || Double.parseDouble(m.group(1)) <= 0) {
      throw errors.fail(
          "'" + modifier + "': the shared memory size must be a size such as 16Gi or 512Mi");
    }
    return value;
  }

  private static Duration duration(String modifier, String value, Errors errors) {
    Duration duration = Durations.parseOrNull(value);
    if (duration == null) {
      throw errors.fail(
          "'" + modifier + "': the deadline must be a duration such as 6h, 90m or 2d");
    }
    if (duration.isZero()) {
      throw errors.fail("'" + modifier + "': the deadline must be longer than zero");
    }
    return duration;
  }

  private static String priorityClass(String modifier, String value, Errors errors) {
    if (value == null || !PRIORITY_CLASS.matcher(value).matches()) {
      throw errors.fail(
          "'"
              + modifier
              + "': the priority must name a Kubernetes priority class (lower case letters,"
              + " digits, '-' and '.')");
    }
    return value;
  }

  /** Builds messages that name the request and where it was found. */
  private record Errors(String text, String where) {
    InputException fail(String problem) {
      String request = text == null ? "" : text.strip();
      return new InputException(
          "GPU request '" + request + "'" + (where == null ? "" : " in " + where) + ": " + problem);
    }
  }
}
