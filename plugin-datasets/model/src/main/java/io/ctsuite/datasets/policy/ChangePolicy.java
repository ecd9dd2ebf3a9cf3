package io.ctsuite.datasets.policy;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.ManifestDiff;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a dataset changed enough since the version a model was last trained on to train
 * again: the trigger's brain. Any condition that holds fires; a quiet period holds the decision
 * back while files are still arriving, so that a copy in progress does not fire half-way.
 *
 * <p>Written as text: {@code growth>=2, new-source, files>=1000, bytes>=10GB, label-shift>0.1,
 * quiet=10m}. Without conditions, any change of content fires.
 *
 * <p>A pure function of (previous version, current state, now): no clock, no I/O, serializable, so
 * that Jenkins can evaluate it anywhere and replay it in tests.
 */
public final class ChangePolicy implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern ITEM =
      Pattern.compile("([a-z-]+)\\s*(>=|>|=)?\\s*([^\\s]*)", Pattern.CASE_INSENSITIVE);

  private final String text;
  private Double growth;
  private Double byteGrowth;
  private boolean newSource;
  private Long newFiles;
  private Long newBytes;
  private Double labelShift;
  private Duration quiet = Duration.ZERO;

  private ChangePolicy(String text) {
    this.text = text;
  }

  /** Any change of content fires, at once. */
  public static ChangePolicy anyChange() {
    return new ChangePolicy("any");
  }

  /**
   * Parses a policy.
   *
   * @throws InputException naming the item that is not understood
   */
  public static ChangePolicy parse(String text) {
    String source = text == null ? "" : text.trim();
    ChangePolicy policy = new ChangePolicy(source.isEmpty() ? "any" : source);
    for (String raw : source.split("[,;]|\\s+and\\s+")) {
      String item = raw.trim();
      if (item.isEmpty() || item.equalsIgnoreCase("any")) {
        continue;
      }
      Matcher m = ITEM.matcher(item);
      if (!m.matches()) {
        throw bad(item, "write e.g. growth>=2, new-source, files>=1000, quiet=10m");
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      String op = m.group(2);
      String value = m.group(3);
      switch (name) {
        case "growth" -> policy.growth = ratio(item, op, value);
        case "byte-growth", "bytes-growth" -> policy.byteGrowth = ratio(item, op, value);
        case "new-source", "new-sources" -> {
          if (op != null) {
            throw bad(item, "new-source takes no value");
          }
          policy.newSource = true;
        }
        case "files", "new-files" -> policy.newFiles = (long) amount(item, op, value, false);
        case "bytes", "new-bytes" -> policy.newBytes = (long) amount(item, op, value, true);
        case "label-shift", "shift" -> {
          double shift = amount(item, op, value, false);
          if (shift < 0 || shift > 1) {
            throw bad(item, "the label shift is a distance from 0 to 1 (e.g. 0.1)");
          }
          policy.labelShift = shift;
        }
        case "quiet", "quiet-period" -> policy.quiet = duration(item, op, value);
        default ->
            throw bad(
                item,
                "unknown condition '"
                    + name
                    + "'; known: growth, byte-growth, new-source, files,"
                    + " bytes, label-shift, quiet");
      }
    }
    return policy;
  }

  private static InputException bad(String item, String hint) {
    return new InputException("policy item '" + item + "': " + hint);
  }

  private static double ratio(String item, String op, String value) {
    String number = value.toLowerCase(Locale.ROOT);
    if (number.endsWith("x") || number.endsWith("×")) {
      number = number.substring(0, number.length() - 1);
    }
    double r = amount(item, op, number, false);
    if (r <= 0) {
      throw bad(item, "a growth ratio is above 0 (2 means the data doubled)");
    }
    return r;
  }

  private static double amount(String item, String op, String value, boolean bytes) {
    if (op == null) {
      throw bad(item, "needs a threshold, e.g. " + item + ">=2");
    }
    Matcher m = Pattern.compile("([0-9]*\\.?[0-9]+)\\s*([a-zA-Z%]*)").matcher(value);
    if (!m.matches()) {
      throw bad(item, "'" + value + "' is not a number");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    double factor =
        switch (unit) {
          case "" -> 1;
          case "%" -> 0.01;
          case "k" -> 1e3;
          case "kb" -> bytes ? 1e3 : Double.NaN;
          case "mb" -> bytes ? 1e6 : Double.NaN;
          case "gb" -> bytes ? 1e9 : Double.NaN;
          case "tb" -> bytes ? 1e12 : Double.NaN;
          case "kib" -> bytes ? 1024 : Double.NaN;
          case "mib" -> bytes ? 1024 * 1024 : Double.NaN;
          case "gib" -> bytes ? 1024.0 * 1024 * 1024 : Double.NaN;
          case "tib" -> bytes ? 1024.0 * 1024 * 1024 * 1024 : Double.NaN;
          default -> Double.NaN;
        };
    if (Double.isNaN(factor)) {
      throw bad(item, "unknown unit '" + m.group(2) + "'");
    }
    return number * factor;
  }

  private static Duration duration(String item, String op, String value) {
    if (op == null) {
      throw bad(item, "needs a duration, e.g. quiet=10m");
    }
    Matcher m =
        Pattern.compile("([0-9]+)\\s*(s|m|min|h|d)?").matcher(value.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw bad(item, "'" + value + "' is not a duration (30s, 10m, 2h, 1d)");
    }
  }

  /** The quiet period. */
  public Duration quietPeriod() {
    return quiet;
  }

  /**
   * Decides on two manifests: the version last trained on and the current state.
   *
   * @param aliases label alias rules for the label shift
   */
  public Decision decide(
      String dataset,
      String previousLabel,
      Manifest previous,
      String currentLabel,
      Manifest current,
      LabelAliases aliases,
      Instant now) {
    return decide(
        ManifestDiff.between(previous, current)
            .summarize(dataset, previousLabel, currentLabel, aliases),
        now);
  }

  /** Decides on a change already measured. */
  public Decision decide(DatasetChange change, Instant now) {
    String name = change.dataset();
    String since = change.from();
    if (change.unchanged()
        || (change.added() == 0
            && change.removed() == 0
            && change.modified() == 0
            && change.renamed() == 0)) {
      return new Decision(
          false, name + " has not changed since " + since + " (same content)", List.of(), change);
    }
    List<String> met = new ArrayList<>();
    List<String> headlines = new ArrayList<>();
    List<String> needs = new ArrayList<>();
    boolean any =
        growth == null
            && byteGrowth == null
            && !newSource
            && newFiles == null
            && newBytes == null
            && labelShift == null;
    if (growth != null) {
      needs.add("growth ≥ " + Amounts.ratio(growth));
      if (change.growth() >= growth) {
        met.add("growth>=" + growth);
        headlines.add("grew " + Amounts.ratio(change.growth()));
      }
    }
    if (byteGrowth != null) {
      needs.add("byte growth ≥ " + Amounts.ratio(byteGrowth));
      if (change.byteGrowth() >= byteGrowth) {
        met.add("byte-growth>=" + byteGrowth);
        headlines.add("grew " + Amounts.ratio(change.byteGrowth()) + " in bytes");
      }
    }
    if (newSource) {
      needs.add("a new source");
      if (!change.newSources().isEmpty()) {
        met.add("new-source");
        headlines.add("has " + sources(change.newSources()));
      }
    }
    if (newFiles != null) {
      needs.add("≥ " + Amounts.files(newFiles) + " new");
      if (change.added() >= newFiles) {
        met.add("files>=" + newFiles);
        headlines.add("gained " + Amounts.files(change.added()));
      }
    }
    if (newBytes != null) {
      needs.add("≥ " + Amounts.bytes(newBytes) + " new");
      if (change.addedBytes() >= newBytes) {
        met.add("bytes>=" + newBytes);
        headlines.add("gained " + Amounts.bytes(change.addedBytes()) + " of new files");
      }
    }
    if (labelShift != null) {
      needs.add("a label shift above " + String.format(Locale.ROOT, "%.2f", labelShift));
      if (change.labelShift() > labelShift) {
        met.add("label-shift>" + labelShift);
        headlines.add(
            "shifted its label distribution by "
                + String.format(Locale.ROOT, "%.2f", change.labelShift()));
      }
    }
    if (any) {
      met.add("any");
      headlines.add("changed");
    }
    String facts = String.join(", ", facts(change, newSource, false));
    if (met.isEmpty()) {
      return new Decision(
          false,
          name
              + " changed too little since "
              + since
              + " to retrain: "
              + String.join(", ", facts(change, newSource, true))
              + "; the policy needs "
              + String.join(" or ", needs),
          met,
          change);
    }
    if (!quiet.isZero() && change.newestModified() >= 0) {
      Duration age = Duration.between(Instant.ofEpochMilli(change.newestModified()), now);
      if (age.compareTo(quiet) < 0) {
        return new Decision(
            false,
            name
                + " is still changing: its newest file is "
                + Amounts.duration(age.isNegative() ? Duration.ZERO : age)
                + " old, less than the quiet period of "
                + Amounts.duration(quiet)
                + " ("
                + facts
                + " since "
                + since
                + " so far)",
            met,
            change);
      }
    }
    return new Decision(
        true, name + " " + headlines.get(0) + " since " + since + ": " + facts, met, change);
  }

  private static String sources(List<String> names) {
    return (names.size() == 1 ? "a new source " : "new sources ") + String.join(", ", names);
  }

  private static List<String> facts(
      DatasetChange change, boolean mentionSources, boolean relativeGrowth) {
    List<String> facts = new ArrayList<>();
    if (change.added() > 0 || (change.removed() == 0 && change.modified() == 0)) {
      String relative =
          change.filesBefore() == 0 || !relativeGrowth
              ? ""
              : " (+" + Amounts.percent((double) change.added() / change.filesBefore()) + ")";
      facts.add("+" + Amounts.files(change.added()) + relative);
    }
    if (change.removed() > 0) {
      facts.add("−" + Amounts.files(change.removed()));
    }
    if (change.modified() > 0) {
      facts.add(Amounts.count(change.modified()) + " modified");
    }
    if (change.renamed() > 0) {
      facts.add(Amounts.count(change.renamed()) + " renamed");
    }
    if (!change.newSources().isEmpty()) {
      facts.add(
          (change.newSources().size() == 1 ? "new source " : "new sources ")
              + String.join(", ", change.newSources()));
    } else if (mentionSources) {
      facts.add("no new source");
    }
    return facts;
  }

  @Override
  public String toString() {
    return text;
  }
}
