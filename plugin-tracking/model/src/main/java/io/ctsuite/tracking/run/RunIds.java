package io.ctsuite.tracking.run;

import io.ctsuite.core.InputException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Run ids: safe as directory names, sortable by creation time when generated. */
public final class RunIds {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  /**
   * Returns the id if it is valid.
   *
   * @throws InputException for an id that is not usable as a directory name
   */
  public static String check(String id) {
    if (id == null || !VALID.matcher(id).matches() || id.contains("..")) {
      throw new InputException(
          "run id '"
              + id
              + "' is not valid: use 1 to 128 letters, digits, '.', '_', '-', '@' or '+',"
              + " starting with a letter or digit");
    }
    return id;
  }

  /** A new id such as {@code 20240526-150226-7f3a}: creation time (UTC) and a random suffix. */
  public static String generate(Instant now) {
    return STAMP.format(now) + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
  }
}
