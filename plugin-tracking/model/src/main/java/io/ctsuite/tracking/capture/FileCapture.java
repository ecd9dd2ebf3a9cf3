package io.ctsuite.tracking.capture;

import io.ctsuite.core.Progress;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.store.SourceOffsets;
import io.ctsuite.tracking.tfevents.EventFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Captures metric files into a sink: TensorBoard event files, JSON lines, CSV and logs with service
 * messages, found under any number of files and directories, read incrementally. Each poll reads
 * only what was appended since the previous one (offsets survive in a {@link SourceOffsets}), so it
 * can follow files a training process is still writing, and re-ingesting a file adds only its new
 * part.
 *
 * <p>File kinds by name: {@code *tfevents*} event files; {@code .jsonl}, {@code .ndjson} JSON
 * lines; {@code .csv} CSV; {@code .log}, {@code .txt}, {@code .out} logs. A file named explicitly
 * is read as a log when its name says nothing else. Hidden directories, {@code node_modules} and
 * {@code __pycache__} are not searched.
 *
 * <p>Event files of different directories get their directory as a key prefix, relative to the
 * directories' common parent ({@code train/epoch_loss}, {@code validation/epoch_loss} for Keras),
 * so that the same tag of two sub-runs stays two metrics. Not thread-safe.
 */
public final class FileCapture {
  /** What a file holds. */
  public enum Kind {
    EVENTS,
    JSON_LINES,
    CSV,
    LOG
  }

  /** What one poll read from one file. */
  public record FileResult(Path file, Kind kind, long bytes, long points, boolean truncated) {}

  /** What one poll read. */
  public record Report(List<FileResult> files) {
    public long bytes() {
      return files.stream().mapToLong(FileResult::bytes).sum();
    }

    public long points() {
      return files.stream().mapToLong(FileResult::points).sum();
    }
  }

  private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "__pycache__");
  private static final Set<String> SPLIT_NAMES =
      Set.of("train", "training", "validation", "val", "valid", "eval", "test");
  private static final int MAX_DEPTH = 12;

  private final CaptureSink sink;
  private final SourceOffsets offsets;
  private final Set<Path> roots = new LinkedHashSet<>();
  private final Set<Path> explicitFiles = new LinkedHashSet<>();
  private final List<Path> excluded = new ArrayList<>();
  private final Map<Path, Source> sources = new HashMap<>();
  private final EnumSet<Kind> kinds = EnumSet.allOf(Kind.class);
  private long modifiedSince = Long.MIN_VALUE;
  private Progress progress = Progress.NONE;

  public FileCapture(CaptureSink sink, SourceOffsets offsets) {
    this.sink = sink;
    this.offsets = offsets;
  }

  /** Adds a file or a directory to search. */
  public FileCapture add(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (Files.isDirectory(p)) {
      roots.add(p);
    } else {
      explicitFiles.add(p);
    }
    return this;
  }

  /** Never searches under {@code dir} (e.g. the store itself). */
  public FileCapture exclude(Path dir) {
    excluded.add(dir.toAbsolutePath().normalize());
    return this;
  }

  /** Only reads files of these kinds found in directories (explicit files are always read). */
  public FileCapture only(Set<Kind> wanted) {
    kinds.retainAll(wanted);
    return this;
  }

  /** Ignores files in directories last modified before this time (older runs' files). */
  public FileCapture modifiedSince(long epochMillis) {
    this.modifiedSince = epochMillis;
    return this;
  }

  /** Reports each poll's progress over its files ("capturing", files, bytes). */
  public FileCapture progress(Progress progress) {
    this.progress = progress;
    return this;
  }

  public SourceOffsets offsets() {
    return offsets;
  }

  /** The kind of a file by its name, or {@code null} when it is none of them. */
  public static Kind kindOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.contains("tfevents")) {
      return Kind.EVENTS;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Kind.JSON_LINES;
    }
    if (name.endsWith(".csv")) {
      return Kind.CSV;
    }
    if (name.endsWith(".log") || name.endsWith(".txt") || name.endsWith(".out")) {
      return Kind.LOG;
    }
    return null;
  }

  /**
   * Reads what is new in every file.
   *
   * @param finalPass also read a last line without a line end (the writer is done)
   */
  public Report poll(boolean finalPass) throws IOException {
    discover();
    List<FileResult> results = new ArrayList<>();
    List<Source> all =
        sources.values().stream().sorted((a, b) -> a.file.compareTo(b.file)).toList();
    long bytes = 0;
    int done = 0;
    for (Source source : all) {
      FileResult result = source.read(finalPass);
      done++;
      if (result != null && (result.bytes() > 0 || result.truncated())) {
        results.add(result);
        bytes += result.bytes();
      }
      progress.update("capturing", done, all.size(), bytes, -1);
    }
    return new Report(results);
  }

  private void discover() throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path file : explicitFiles) {
      if (!sources.containsKey(file)) {
        if (!Files.exists(file)) {
          throw new NoSuchFileException(file.toString());
        }
        Kind kind = kindOf(file);
        sources.put(file, new Source(file, kind == null ? Kind.LOG : kind, ""));
      }
    }
    for (Path root : roots) {
      walk(root, found);
    }
    List<Path> newEvents = new ArrayList<>();
    for (Path file : found) {
      if (!sources.containsKey(file)) {
        Kind kind = kindOf(file);
        if (kind == Kind.EVENTS) {
          newEvents.add(file);
        } else {
          sources.put(file, new Source(file, kind, ""));
        }
      }
    }
    if (!newEvents.isEmpty()) {
      Set<Path> dirs = new LinkedHashSet<>();
      sources.values().stream()
          .filter(s -> s.kind == Kind.EVENTS && !explicitFiles.contains(s.file))
          .forEach(s -> dirs.add(s.file.getParent()));
      newEvents.forEach(f -> dirs.add(f.getParent()));
      Path common = commonParent(dirs);
      for (Path file : newEvents) {
        sources.put(
            file, new Source(file, Kind.EVENTS, prefix(file.getParent(), common, dirs.size())));
      }
    }
  }

  private static String prefix(Path dir, Path common, int distinctDirs) {
    if (distinctDirs > 1 && common != null && !dir.equals(common)) {
      return common.relativize(dir).toString().replace('\\', '/') + "/";
    }
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    return SPLIT_NAMES.contains(name.toLowerCase(Locale.ROOT)) ? name + "/" : "";
  }

  private static Path commonParent(Set<Path> dirs) {
    Path common = null;
    for (Path dir : dirs) {
      if (common == null) {
        common = dir;
      } else {
        while (common != null && !dir.startsWith(common)) {
          common = common.getParent();
        }
      }
    }
    return common;
  }

  private void walk(Path root, List<Path> found) throws IOException {
    Files.walkFileTree(
        root,
        EnumSet.noneOf(java.nio.file.FileVisitOption.class),
        MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            boolean hidden = !dir.equals(root) && name.startsWith(".");
            if (hidden
                || SKIPPED_DIRS.contains(name)
                || excluded.stream().anyMatch(dir::startsWith)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Kind kind = kindOf(file);
            if (attrs.isRegularFile()
                && kind != null
                && kinds.contains(kind)
                && (sources.containsKey(file)
                    || attrs.lastModifiedTime().toMillis() >= modifiedSince)) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // vanished or unreadable while walking: not ours
          }
        });
  }

  /** Counts the metrics a reader reports, passing everything on. */
  private final class Counting implements CaptureSink {
    long points;

    @Override
    public void metric(MetricPoint point) {
      points++;
      sink.metric(point);
    }

    @Override
    public void param(String key, Object value) {
      sink.param(key, value);
    }

    @Override
    public void tag(String key, String value) {
      sink.tag(key, value);
    }

    @Override
    public void artifact(String path, String role) {
      sink.artifact(path, role);
    }

    @Override
    public void problem(CaptureProblem problem) {
      sink.problem(problem);
    }
  }

  /** One file and its reader, kept across polls. */
  private final class Source {
    final Path file;
    final Kind kind;
    final String key;
    final Counting counting = new Counting();
    EventFileReader events;
    LineSplitter.LineHandler handler;
    CsvMetricsReader csv;

    Source(Path file, Kind kind, String prefix) {
      this.file = file;
      this.kind = kind;
      this.key = file.toString();
      String name = file.getFileName().toString();
      switch (kind) {
        case EVENTS -> events = new EventFileReader(file.toString(), counting, prefix);
        case JSON_LINES -> {
          JsonLinesReader reader =
              new JsonLinesReader(name, counting)
                  .clock(this::modified)
                  .startAfterLine(offsets.get(key).lines());
          handler = reader::acceptLine;
        }
        case CSV -> {
          csv = new CsvMetricsReader(name, counting).clock(this::modified);
          handler =
              (b, off, len) -> csv.acceptLine(new String(b, off, len, StandardCharsets.UTF_8));
        }
        case LOG -> {
          ServiceMessageParser parser =
              new ServiceMessageParser(name, counting).clock(this::modified);
          long[] line = {offsets.get(key).lines()};
          handler =
              (b, off, len) -> {
                line[0]++;
                if (ServiceMessageOutputStream.indexOf(b, off, off + len) >= 0) {
                  parser.scan(line[0], new String(b, off, len, StandardCharsets.UTF_8));
                }
              };
        }
        default -> throw new IllegalStateException(kind.name());
      }
    }

    long modified() {
      try {
        return Files.getLastModifiedTime(file).toMillis();
      } catch (IOException e) {
        return System.currentTimeMillis();
      }
    }

    FileResult read(boolean finalPass) throws IOException {
      SourceOffsets.Offset at = offsets.get(key);
      long size;
      try {
        size = Files.size(file);
      } catch (NoSuchFileException e) {
        return null; // deleted meanwhile: what was read stays
      }
      if (size < at.bytes()) {
        // replaced by a shorter file: read it from the start
        at = new SourceOffsets.Offset(0, 0);
      }
      if (size == at.bytes()) {
        return new FileResult(file, kind, 0, 0, false);
      }
      long before = counting.points;
      if (kind == Kind.EVENTS) {
        EventFileReader.Result r = events.read(file, at.bytes());
        offsets.put(key, new SourceOffsets.Offset(r.resumeOffset(), 0));
        return new FileResult(file, kind, r.bytes(), counting.points - before, r.truncatedTail());
      }
      if (kind == Kind.CSV && at.bytes() > 0 && !csv.hasHeader()) {
        readHeader();
        csv.startAfterLine(at.lines());
      }
      long[] lineCount = {at.lines()};
      LineSplitter splitter =
          new LineSplitter(
              (b, off, len) -> {
                lineCount[0]++;
                handler.line(b, off, len);
              });
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        channel.position(at.bytes());
        try (InputStream in = Channels.newInputStream(channel)) {
          splitter.readAll(in, finalPass);
        }
      }
      long consumed = splitter.completeBytes();
      offsets.put(key, new SourceOffsets.Offset(at.bytes() + consumed, lineCount[0]));
      return new FileResult(
          file, kind, consumed, counting.points - before, splitter.pendingBytes() > 0);
    }

    private void readHeader() throws IOException {
      try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String first;
        while ((first = reader.readLine()) != null) {
          if (!first.isBlank()) {
            csv.acceptLine(first);
            return;
          }
        }
      }
    }
  }
}
