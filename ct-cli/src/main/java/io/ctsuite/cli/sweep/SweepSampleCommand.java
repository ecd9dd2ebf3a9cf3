package io.ctsuite.cli.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.sample.Sampler;
import io.ctsuite.tracking.sweep.sample.SamplerKind;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import io.ctsuite.tracking.sweep.space.Parameter;
import io.ctsuite.tracking.sweep.space.SearchSpace;
import io.ctsuite.tracking.sweep.space.SpaceParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct sweep sample}: the parameters a sweep would give its trials, without running any. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Check a search space and show the parameters its first trials would get (same sampler and",
      "seed as ct sweep run). A parameter a trial does not have (its 'when' is false) shows as -."
    })
public class SweepSampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--space",
      paramLabel = "FILE",
      required = true,
      description = "The search space (YAML or JSON).")
  Path space;

  @Option(
      names = "--trials",
      paramLabel = "N",
      description = "How many (default: the grid size if any, else 16).")
  Integer trials;

  @Option(
      names = "--sampler",
      defaultValue = "random",
      description = "random or sobol (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    SearchSpace parsed = SpaceParser.parse(space);
    Sampler draw = new Sampler(parsed, SamplerKind.parse(sampler, "--sampler"), seed);
    int count = trials != null ? trials : (int) (parsed.hasGrid() ? parsed.gridSize() : 16);
    PrintWriter out = spec.commandLine().getOut();
    List<String> names = parsed.parameters().stream().map(Parameter::name).toList();
    if (json.enabled()) {
      ArrayNode list = Json.mapper().createArrayNode();
      for (int i = 0; i < count; i++) {
        var node = list.addObject();
        node.put("trial", i + 1);
        node.set("params", Json.compact().valueToTree(draw.sample(i)));
      }
      out.println(Json.mapper().writeValueAsString(list));
      out.flush();
      return 0;
    }
    out.println(
        space
            + ": "
            + names.size()
            + " parameters, "
            + parsed.dimensions()
            + " searched"
            + (parsed.hasGrid() ? ", " + parsed.gridSize() + " grid combinations" : ""));
    for (Parameter parameter : parsed.parameters()) {
      out.println(
          "  "
              + parameter.name()
              + ": "
              + parameter.describe()
              + "  ("
              + parameter.envName()
              + ")");
    }
    out.println();
    List<String> header = new ArrayList<>();
    header.add("trial");
    header.addAll(names);
    Table table = new Table(header.toArray(String[]::new));
    for (int i = 0; i < count; i++) {
      Map<String, Object> params = draw.sample(i);
      List<Object> row = new ArrayList<>();
      row.add(i + 1);
      for (String name : names) {
        row.add(params.containsKey(name) ? ParamFormat.format(params.get(name)) : "-");
      }
      table.row(row.toArray());
    }
    table.print(out);
    return 0;
  }
}
