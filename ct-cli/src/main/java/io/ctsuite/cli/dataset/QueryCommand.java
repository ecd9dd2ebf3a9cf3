package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.EntryQuery;
import io.ctsuite.datasets.policy.Amounts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset query NAME EXPR [--save [OUT]]}. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Selects entries by an expression; --save records them as a version.",
      "",
      "Example: \"source in ('hospital-a','hospital-c') and label == 'cholecystectomy' and size > 1MB\". Names: path, name, dir, ext, size, mtime, modified, hash, source, label, labels, annotations, meta.KEY (or KEY). A saved query is a reproducible view: the log records the expression and the version it ran on."
    })
public class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;
  @Mixin AliasOptions aliasOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Parameters(index = "1", paramLabel = "EXPR", description = "The filter expression.")
  String expression;

  @Option(
      names = "--at",
      paramLabel = "V",
      defaultValue = "latest",
      description = "The version to query (default: latest).")
  String version;

  @Option(
      names = "--save",
      paramLabel = "OUT",
      arity = "0..1",
      fallbackValue = "",
      description = "Record the result as the next version of OUT (default: NAME-view).")
  String save;

  @Option(
      names = "--list",
      paramLabel = "N",
      defaultValue = "20",
      description = "Print up to N matching paths (default: ${DEFAULT-VALUE}).")
  int list;

  @Option(names = "--note", paramLabel = "TEXT", description = "A note for the saved version.")
  String note;

  @Override
  public Integer call() {
    EntryQuery query = EntryQuery.parse(expression);
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      VersionInfo v = registry.resolve(name, version);
      Manifest manifest = registry.manifest(v);
      LabelAliases aliases = aliasOptions.resolve(registry, name);
      Manifest result = query.apply(manifest, aliases);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (String unknown : query.unknownNames(manifest)) {
        err.println(
            "Note: no entry of "
                + name
                + " "
                + v.label()
                + " has a field '"
                + unknown
                + "'; it compares false.");
      }
      err.flush();
      CommitResult saved = null;
      if (save != null) {
        String target = save.isBlank() ? name + "-view" : save;
        VersionDraft draft =
            VersionDraft.derived("query", Versions.reference(v))
                .note(note)
                .derivation("from", Versions.reference(v))
                .derivation("expression", expression)
                .derivation("aliases", aliases.isEmpty() ? null : aliases.toJson());
        saved = Versions.save(registry, target, result, draft, out, json.enabled());
      }
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < Math.min(list, result.size()); i++) {
        paths.add(result.path(i));
      }
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("from", v);
        doc.put("files", result.size());
        doc.put("bytes", result.totalBytes());
        doc.put("paths", paths);
        doc.put("saved", saved == null ? null : saved.version());
        Output.json(out, doc);
        return 0;
      }
      out.printf(
          "%s of %s in %s %s match (%s).%n",
          Amounts.count(result.size()),
          Amounts.files(manifest.size()),
          name,
          v.label(),
          Amounts.bytes(result.totalBytes()));
      paths.forEach(p -> out.println("  " + p));
      if (result.size() > paths.size()) {
        out.println("  … and " + Amounts.count(result.size() - paths.size()) + " more");
      }
      out.flush();
    }
    return 0;
  }
}
