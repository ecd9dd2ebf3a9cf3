package io.ctsuite.tracking.sweep.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import io.ctsuite.tracking.sweep.space.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line and environment of one trial. A trial receives its parameters three ways, so
 * that any program can take them:
 *
 * <ul>
 *   <li>always as environment variables: {@code CT_PARAM_LR=0.0031} for each parameter (the name in
 *       capitals, other characters as {@code _}), and {@code CT_PARAMS} with all of them as a JSON
 *       object;
 *   <li>as {@code {name}} placeholders anywhere in the command ({@code --lr {lr}}), replaced by the
 *       value (by nothing for a parameter the trial does not have);
 *   <li>with {@code paramArgs}, as {@code --name=value} arguments appended to the command, only for
 *       the parameters the trial has.
 * </ul>
 *
 * Also set: {@code CT_SWEEP}, {@code CT_TRIAL}, {@code CT_METRICS_FILE} (a JSON lines file the
 * trial may write metrics to), {@code CT_RUN_ID} when the trial is tracked as a run, and {@code
 * PYTHONUNBUFFERED=1} (unless set) so that a Python trial's printed metrics arrive at once rather
 * than when its output buffer fills.
 */
public final class TrialCommand {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}");

  private TrialCommand() {}

  /** The command with placeholders filled in and, with {@code paramArgs}, the arguments added. */
  public static List<String> argv(
      List<String> command,
      Map<String, Object> params,
      boolean paramArgs,
      java.util.Set<String> names) {
    List<String> argv = new ArrayList<>();
    for (String token : command) {
      argv.add(fill(token, params, names));
    }
    if (paramArgs) {
      params.forEach((name, value) -> argv.add("--" + name + "=" + ParamFormat.format(value)));
    }
    return argv;
  }

  private static String fill(
      String token, Map<String, Object> params, java.util.Set<String> names) {
    Matcher matcher = PLACEHOLDER.matcher(token);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement =
          names.contains(name) ? ParamFormat.format(params.get(name)) : matcher.group();
      matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  /** The variables to add to the inherited environment. */
  public static Map<String, String> environment(
      String sweep, int trial, Map<String, Object> params, Path metricsFile, String runId) {
    Map<String, String> env = new LinkedHashMap<>();
    params.forEach((name, value) -> env.put(Parameter.envName(name), ParamFormat.format(value)));
    try {
      env.put("CT_PARAMS", Json.compact().writeValueAsString(params));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("parameters that cannot be written as JSON: " + params, e);
    }
    env.put("CT_SWEEP", sweep);
    env.put("CT_TRIAL", Integer.toString(trial));
    env.put("CT_METRICS_FILE", metricsFile.toString());
    if (runId != null) {
      env.put("CT_RUN_ID", runId);
    }
    return env;
  }
}
