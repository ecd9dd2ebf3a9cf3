package io.ctsuite.cli.track;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.query.Leaderboard;
import io.ctsuite.tracking.query.RunIndex;
import io.ctsuite.tracking.run.ParamValues;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Prints a page of ranked runs as a table or JSON, shared by leaderboard and search. */
final class RankingOutput {
  private static final int MAX_PARAM_COLUMNS = 6;

  private RankingOutput() {}

  static ObjectNode json(Leaderboard.Page page, RunIndex index) {
    Leaderboard.Query q = page.query();
    ObjectNode node = Json.mapper().createObjectNode();
    if (q.family() != null) {
      node.put("family", q.family());
    }
    node.put("metric", q.metric());
    node.put("mode", q.goal().name().toLowerCase());
    node.put("value", q.value().name().toLowerCase());
    if (q.where() != null) {
      node.put("where", q.where());
    }
    node.put("total", page.total());
    node.put("withoutMetric", page.withoutMetric());
    node.put("offset", q.offset());
    node.put("limit", q.limit());
    ArrayNode rows = node.putArray("rows");
    for (Leaderboard.Row r : page.rows()) {
      ObjectNode row = rows.addObject();
      row.put("rank", r.rank()).put("run", r.runId()).put("family", r.family());
      if (r.name() != null) {
        row.put("name", r.name());
      }
      row.put("status", r.status().name());
      row.put("value", r.value());
      row.put("step", r.step());
      row.set("params", Json.mapper().valueToTree(new java.util.TreeMap<>(r.params())));
      row.set("tags", Json.mapper().valueToTree(new java.util.TreeMap<>(r.tags())));
    }
    RunIndex.Refresh refresh = index.lastRefresh();
    node.putObject("index")
        .put("runs", refresh.runs())
        .put("added", refresh.added())
        .put("changed", refresh.changed())
        .put("removed", refresh.removed());
    return node;
  }

  static void table(Leaderboard.Page page, PrintWriter out, List<String> columns) {
    Leaderboard.Query q = page.query();
    if (page.rows().isEmpty()) {
      out.printf(
          "No runs%s with metric '%s'%s.%n",
          q.family() == null ? "" : " of family '" + q.family() + "'",
          q.metric(),
          q.where() == null ? "" : " matching " + q.where());
      out.flush();
      return;
    }
    List<String> params = columns != null ? columns : differingParams(page.rows());
    List<String> header =
        new ArrayList<>(
            List.of(
                "#",
                "run",
                q.metric() + " (" + q.value().name().toLowerCase() + ")",
                "step",
                "status"));
    header.addAll(params);
    Table table = new Table(header.toArray(String[]::new));
    for (Leaderboard.Row r : page.rows()) {
      List<Object> row =
          new ArrayList<>(
              List.of(
                  r.rank(),
                  r.name() == null ? r.runId() : r.runId() + " " + r.name(),
                  TrackText.number(r.value()),
                  r.step() < 0 ? "" : Long.toString(r.step()),
                  r.status().name().toLowerCase()));
      for (String p : params) {
        Object v = r.params().get(p);
        row.add(v == null ? r.tags().getOrDefault(p, "") : ParamValues.format(v));
      }
      table.row(row.toArray());
    }
    table.print(out);
    int first = q.offset() + 1;
    int last = q.offset() + page.rows().size();
    out.printf(
        "%d-%d of %d runs, %s is %s%s%n",
        first,
        last,
        page.total(),
        q.goal().name().toLowerCase().equals("max") ? "higher" : "lower",
        "better",
        page.withoutMetric() > 0
            ? "; " + page.withoutMetric() + " runs have no " + q.metric()
            : "");
    out.flush();
  }

  /** The params whose values differ among the shown runs: the ones that explain the ranking. */
  private static List<String> differingParams(List<Leaderboard.Row> rows) {
    Set<String> keys = new LinkedHashSet<>();
    rows.forEach(r -> keys.addAll(new java.util.TreeSet<>(r.params().keySet())));
    List<String> differing = new ArrayList<>();
    for (String key : keys) {
      long distinct =
          rows.stream().map(r -> r.params().get(key)).filter(Objects::nonNull).distinct().count();
      boolean someMissing = rows.stream().anyMatch(r -> !r.params().containsKey(key));
      if (distinct > 1 || (distinct == 1 && someMissing)) {
        differing.add(key);
      }
      if (differing.size() == MAX_PARAM_COLUMNS) {
        break;
      }
    }
    return differing;
  }
}
