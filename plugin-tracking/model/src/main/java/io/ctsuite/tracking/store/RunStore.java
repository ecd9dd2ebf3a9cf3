package io.ctsuite.tracking.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.run.RunIds;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.run.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs on disk: one directory per run under a root ({@code <store>/runs/<id>/}) holding {@code
 * run.json} (the summary), {@code metrics.series} and {@code system.series} (the bulk series), and
 * {@code sources.json} (how far each captured file was read). Every file is written atomically, the
 * series before the summary, so a reader that finds a {@code run.json} finds complete series.
 */
public final class RunStore {
  public static final String SUMMARY = "run.json";
  public static final String METRICS = "metrics.series";
  public static final String SYSTEM = "system.series";
  public static final String SOURCES = "sources.json";

  private final Path root;

  public RunStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The directory of a run (which may not exist yet). */
  public Path dir(String id) {
    return root.resolve(RunIds.check(id));
  }

  public boolean exists(String id) {
    return Files.isRegularFile(dir(id).resolve(SUMMARY));
  }

  /**
   * Reads a run's summary.
   *
   * @throws InputException when there is no such run or its run.json is damaged
   */
  public RunSummary summary(String id) {
    Path file = dir(id).resolve(SUMMARY);
    JsonNode node;
    try {
      node = Json.mapper().readTree(file.toFile());
    } catch (java.io.FileNotFoundException | NoSuchFileException e) {
      throw new InputException("no run '" + id + "' in " + root);
    } catch (IOException e) {
      throw new InputException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    return RunJson.fromJson(node, file.toString());
  }

  /** A run's metric series; an empty set when it has none. */
  public RunSeries metrics(String id) {
    return SeriesFile.read(dir(id).resolve(METRICS));
  }

  /** Some of a run's metric series. */
  public RunSeries metrics(String id, Predicate<String> keys) {
    return SeriesFile.read(dir(id).resolve(METRICS), keys);
  }

  /** A run's system metric series. */
  public RunSeries system(String id) {
    return SeriesFile.read(dir(id).resolve(SYSTEM));
  }

  /** Saves a run: the series first, then the summary that makes it visible. */
  public void save(RunSummary summary, RunSeries metrics, RunSeries system) {
    Path dir = dir(summary.id());
    SeriesFile.write(dir.resolve(METRICS), metrics);
    if (!system.isEmpty() || Files.exists(dir.resolve(SYSTEM))) {
      SeriesFile.write(dir.resolve(SYSTEM), system);
    }
    saveSummary(summary);
  }

  /** Rewrites only the summary (tags, status). */
  public void saveSummary(RunSummary summary) {
    AtomicFiles.write(dir(summary.id()).resolve(SUMMARY), RunJson.toBytes(summary));
  }

  /** How far each source file of a run was read. */
  public SourceOffsets sources(String id) {
    return SourceOffsets.read(dir(id).resolve(SOURCES));
  }

  public void saveSources(String id, SourceOffsets sources) {
    sources.write(dir(id).resolve(SOURCES));
  }

  /** The ids of every run, sorted. */
  public List<String> ids() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(dir.resolve(SUMMARY))) {
          ids.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    Collections.sort(ids);
    return ids;
  }

  /**
   * The run an id or a unique id prefix names.
   *
   * @throws InputException when none or several runs match, listing some of them
   */
  public String resolve(String idOrPrefix) {
    if (idOrPrefix != null && !idOrPrefix.isEmpty() && !idOrPrefix.contains("/")) {
      try {
        if (exists(idOrPrefix)) {
          return idOrPrefix;
        }
      } catch (InputException e) {
        // not a valid id; maybe still a prefix of none, reported below
      }
    }
    List<String> matches =
        ids().stream().filter(id -> idOrPrefix != null && id.startsWith(idOrPrefix)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new InputException("no run '" + idOrPrefix + "' in " + root);
    }
    throw new InputException(
        "'"
            + idOrPrefix
            + "' matches "
            + matches.size()
            + " runs ("
            + String.join(", ", matches.subList(0, Math.min(5, matches.size())))
            + (matches.size() > 5 ? ", …" : "")
            + "); give more of the id");
  }

  /** Deletes a run's directory. */
  public void delete(String id) {
    Path dir = dir(id);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
