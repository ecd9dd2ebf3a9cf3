package io.ctsuite.datasets.store;

import io.ctsuite.core.AtomicFiles;
import io.ctsuite.datasets.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A registry in a directory on a local disk or NFS. Writes go to a hidden temporary file that is
 * renamed into place; a create-only write links the temporary file to its name, which fails when
 * the name exists, so two writers can never both create it. {@link #lock} holds a lock file.
 */
public final class DirectoryStore implements ObjectStore {
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path root;
  private final Duration lockTimeout;

  public DirectoryStore(Path root) {
    this(root, Duration.ofMinutes(5));
  }

  public DirectoryStore(Path root, Duration lockTimeout) {
    this.root = root.toAbsolutePath().normalize();
    this.lockTimeout = lockTimeout;
  }

  public Path root() {
    return root;
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  private Path file(String key) {
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || key.contains("\0")) {
      throw new IllegalArgumentException("key outside the store: " + key);
    }
    return file;
  }

  @Override
  public byte[] get(String key) {
    try {
      return Files.readAllBytes(file(key));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public InputStream open(String key) {
    try {
      return Files.newInputStream(file(key));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public boolean put(String key, byte[] bytes, boolean ifAbsent) {
    if (!ifAbsent) {
      AtomicFiles.write(file(key), bytes);
      return true;
    }
    Path temp = null;
    try {
      Path target = file(key);
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      return createFrom(temp, target);
    } catch (IOException e) {
      throw failure("write", key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public boolean putFile(String key, Path file, boolean ifAbsent) {
    Path target = file(key);
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      if (ifAbsent) {
        return createFrom(temp, target);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      return true;
    } catch (IOException e) {
      throw failure("write", key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Gives {@code temp}'s content the name {@code target} unless that name exists. */
  private boolean createFrom(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(target)) {
        return false;
      }
      // no hard links on this file system: fall back to a lock file around check-and-rename
      try (AutoCloseable ignored = lock(".create")) {
        if (Files.exists(target)) {
          return false;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
      } catch (IOException | RuntimeException inner) {
        throw inner;
      } catch (Exception inner) {
        throw new IOException(inner.getMessage(), inner);
      }
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(file(key));
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    Path dir = file(prefix.isEmpty() ? "." : prefix);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(child)) {
          keys.add(prefix + name);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw failure("list", prefix, e);
    }
    Collections.sort(keys);
    return keys;
  }

  @Override
  public List<String> children(String prefix) {
    List<String> names = new ArrayList<>();
    Path dir = file(prefix.isEmpty() ? "." : prefix);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (!name.startsWith(".") && Files.isDirectory(child)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw failure("list", prefix, e);
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      throw failure("delete", key, e);
    }
  }

  @Override
  public AutoCloseable lock(String name) {
    Path lockFile = root.resolve("locks").resolve(name + ".lock");
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    try {
      if (!jvmLock.tryLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        IOException timeout = timeout(lockFile);
        throw Failures.io(timeout.getMessage(), timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + lockFile, e);
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(lockFile.getParent());
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock;
      while ((fileLock = tryLock(channel)) == null) {
        if (System.nanoTime() > deadline) {
          throw timeout(lockFile);
        }
        Thread.sleep(50);
      }
      FileChannel held = channel;
      FileLock heldLock = fileLock;
      return () -> {
        try {
          heldLock.release();
          held.close();
        } finally {
          jvmLock.unlock();
        }
      };
    } catch (IOException | InterruptedException | RuntimeException e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException ignored) {
        // the original problem is what the user needs to see
      }
      jvmLock.unlock();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + lockFile, e);
      }
      if (e instanceof IOException io) {
        throw Failures.io("Could not lock " + lockFile + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private IOException timeout(Path lockFile) {
    return new IOException(
        "another process has held "
            + lockFile
            + " for more than "
            + lockTimeout.toSeconds()
            + " s; is a snapshot still running?");
  }

  private UncheckedIOException failure(String action, String key, IOException e) {
    return Failures.io("Could not " + action + " " + root.resolve(key) + ": " + e.getMessage(), e);
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a hidden temporary file is harmless
      }
    }
  }
}
