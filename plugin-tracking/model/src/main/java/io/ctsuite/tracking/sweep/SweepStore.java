package io.ctsuite.tracking.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The store area {@code sweeps/}: one directory per sweep with its state in {@code sweep.json}
 * (written atomically, so a reader or a restarted controller never sees half a file) and one
 * directory per trial for its output.
 */
public final class SweepStore {
  static final String STATE_FILE = "sweep.json";

  private final Path root;

  /**
   * @param root the store's {@code sweeps/} directory
   */
  public SweepStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path directory(String name) {
    return root.resolve(name);
  }

  /** Where trial {@code number}'s output goes. */
  public Path trialDirectory(String name, int number) {
    return directory(name).resolve("trials").resolve(Integer.toString(number));
  }

  public boolean exists(String name) {
    return Files.isRegularFile(directory(name).resolve(STATE_FILE));
  }

  public void save(SweepState state) {
    Path file = directory(state.spec().name()).resolve(STATE_FILE);
    AtomicFiles.write(file, out -> Json.mapper().writeValue(nonClosing(out), state));
  }

  /** The stored sweep, or empty when there is none of that name. */
  public Optional<SweepState> load(String name) {
    Path file = directory(name).resolve(STATE_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    SweepState state;
    try {
      state = Json.mapper().readValue(file.toFile(), SweepState.class);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
      throw new InputException(
          file + where + ": not a readable sweep state: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (InputException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    if (state.schema() > SweepState.SCHEMA) {
      throw new InputException(
          file
              + ": written by a newer version (schema "
              + state.schema()
              + "); this version reads up to "
              + SweepState.SCHEMA);
    }
    if (state.spec() == null) {
      throw new InputException(file + ": not a sweep state: 'spec' is missing");
    }
    return Optional.of(state);
  }

  /** The names of the stored sweeps, sorted. */
  public List<String> names() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(d -> Files.isRegularFile(d.resolve(STATE_FILE)))
          .forEach(d -> names.add(d.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
    }
    names.sort(null);
    return names;
  }

  /** Jackson closes the stream it writes to; AtomicFiles must close it itself after forcing it. */
  private static java.io.OutputStream nonClosing(java.io.OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
