package io.ctsuite.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named datasets and their versions in an {@link ObjectStore}.
 *
 * <pre>
 * datasets/NAME/versions/000000041.json   the log: one immutable record per version (v41)
 * datasets/NAME/aliases.json              label alias rules of the dataset
 * objects/ab/ID.ctm                       manifests by id: full, or a delta against a base
 * locks/NAME.lock                         (directories) held while a version is recorded
 * </pre>
 *
 * <p>A version is recorded in two steps: its manifest object, then its log record, created only if
 * that number is still free. A crash between them leaves an unreferenced object, never a partial
 * version. A child is stored as a delta against its parent when that is small, and as a full
 * manifest when the chain would get longer than {@link #MAX_CHAIN}, so reads stay quick; {@link
 * #compact} rewrites a dataset's versions in full.
 */
public final class DatasetRegistry implements AutoCloseable {
  /** The longest chain of deltas a read has to follow. */
  public static final int MAX_CHAIN = 8;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern SEQ_FILE = Pattern.compile("(\\d{9})\\.json");
  private static final Pattern LATEST_MINUS = Pattern.compile("latest~(\\d+)");
  private static final Pattern SEQ_REF = Pattern.compile("[vV](\\d+)");
  private static final int COMMIT_ATTEMPTS = 20;

  private final ObjectStore store;
  private final Path cacheDir;
  private final Map<String, Integer> depths = new ConcurrentHashMap<>();
  private final Map<String, SoftReference<Manifest>> manifests =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoftReference<Manifest>> eldest) {
          return size() > 4;
        }
      };
  private final Map<String, VersionInfo> records = new ConcurrentHashMap<>();

  /**
   * @param cacheDir where manifests read from a remote store are kept on this machine (may be null)
   */
  public DatasetRegistry(ObjectStore store, Path cacheDir) {
    this.store = store;
    this.cacheDir = cacheDir;
  }

  public ObjectStore store() {
    return store;
  }

  /** This machine's cache directory for the registry, or null. */
  public Path cacheDir() {
    return cacheDir;
  }

  public String describe() {
    return store.describe();
  }

  /**
   * Checks a dataset name: letters, digits, '.', '_' and '-', starting with a letter or digit.
   *
   * @throws InputException otherwise
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InputException(
          "'"
              + name
              + "' is not a valid dataset name: use letters, digits, '.', '_' and '-' (at most"
              + " 100), starting with a letter or a digit");
    }
    return name;
  }

  private static String versionsPrefix(String dataset) {
    return "datasets/" + dataset + "/versions/";
  }

  private static String versionKey(String dataset, int seq) {
    return versionsPrefix(dataset) + String.format("%09d.json", seq);
  }

  /** The key of a manifest object. */
  public static String objectKey(String id) {
    return "objects/" + id.substring(0, 2) + "/" + id + ".ctm";
  }

  /** The datasets in the registry, sorted by name. */
  public List<String> datasets() {
    List<String> names = new ArrayList<>();
    for (String name : store.children("datasets/")) {
      if (NAME.matcher(name).matches() && !store.list(versionsPrefix(name)).isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /** The versions of a dataset, oldest first; empty when the dataset does not exist. */
  public List<VersionInfo> log(String dataset) {
    checkName(dataset);
    List<VersionInfo> log = new ArrayList<>();
    for (String key : store.list(versionsPrefix(dataset))) {
      Matcher m = SEQ_FILE.matcher(key.substring(key.lastIndexOf('/') + 1));
      if (m.matches()) {
        log.add(readRecord(key));
      }
    }
    return log;
  }

  /** The latest version of a dataset, or null when it has none. */
  public VersionInfo latest(String dataset) {
    checkName(dataset);
    List<String> keys = store.list(versionsPrefix(dataset));
    for (int k = keys.size() - 1; k >= 0; k--) {
      String key = keys.get(k);
      if (SEQ_FILE.matcher(key.substring(key.lastIndexOf('/') + 1)).matches()) {
        return readRecord(key);
      }
    }
    return null;
  }

  private VersionInfo readRecord(String key) {
    VersionInfo cached = records.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] bytes = store.get(key);
    if (bytes == null) {
      throw new InputException("the version record " + key + " vanished from " + describe());
    }
    VersionInfo record = parseRecord(bytes, key);
    records.put(key, record);
    return record;
  }

  private VersionInfo parseRecord(byte[] bytes, String key) {
    try {
      VersionInfo record = Json.mapper().readValue(bytes, VersionInfo.class);
      if (record.id() == null || record.id().length() != 64 || !Hashes.isHex(record.id())) {
        throw new InputException(
            "corrupt version record " + describe() + "/" + key + ": field 'id' is not a SHA-256");
      }
      return record;
    } catch (IOException e) {
      String detail =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InputException(
          "corrupt version record " + describe() + "/" + key + ": " + detail, e);
    }
  }

  /**
   * Finds a version by reference: {@code latest}, {@code latest~N}, {@code vN}, or a full or
   * abbreviated id (at least 4 hexadecimal digits, unique in the dataset).
   *
   * @throws InputException naming the dataset and the versions it has when nothing matches
   */
  public VersionInfo resolve(String dataset, String ref) {
    List<VersionInfo> log = log(dataset);
    if (log.isEmpty()) {
      List<String> known = datasets();
      throw new InputException(
          "there is no dataset '"
              + dataset
              + "' in "
              + describe()
              + (known.isEmpty()
                  ? " (it has none yet)"
                  : "; datasets: " + String.join(", ", known)));
    }
    String text = ref == null ? "latest" : ref.trim();
    String range = " (" + dataset + " has v" + log.get(0).seq() + "…v" + last(log).seq() + ")";
    if (text.equalsIgnoreCase("latest") || text.equals("HEAD")) {
      return last(log);
    }
    Matcher minus = LATEST_MINUS.matcher(text);
    if (minus.matches()) {
      int back = Integer.parseInt(minus.group(1));
      if (back >= log.size()) {
        throw new InputException("'" + text + "' goes back further than the first version" + range);
      }
      return log.get(log.size() - 1 - back);
    }
    Matcher seq = SEQ_REF.matcher(text);
    if (seq.matches()) {
      int n = Integer.parseInt(seq.group(1));
      for (VersionInfo v : log) {
        if (v.seq() == n) {
          return v;
        }
      }
      throw new InputException("dataset '" + dataset + "' has no version " + text + range);
    }
    if (text.length() >= 4 && Hashes.isHex(text)) {
      String prefix = text.toLowerCase(java.util.Locale.ROOT);
      Map<String, VersionInfo> matches = new LinkedHashMap<>();
      for (VersionInfo v : log) {
        if (v.id().startsWith(prefix)) {
          matches.put(v.id(), v);
        }
      }
      if (matches.size() == 1) {
        return matches.values().iterator().next();
      }
      if (matches.size() > 1) {
        List<String> names = new ArrayList<>();
        matches.values().forEach(v -> names.add(v.label() + " " + v.shortId()));
        throw new InputException(
            "'"
                + text
                + "' matches several versions of "
                + dataset
                + ": "
                + String.join(", ", names)
                + "; give more digits");
      }
      throw new InputException("dataset '" + dataset + "' has no version with id " + text + range);
    }
    throw new InputException(
        "unknown version '"
            + text
            + "' of dataset '"
            + dataset
            + "': use latest, latest~N, v<N> or an id prefix of at least 4 digits"
            + range);
  }

  private static VersionInfo last(List<VersionInfo> log) {
    return log.get(log.size() - 1);
  }

  /** The manifest of a version. */
  public Manifest manifest(VersionInfo version) {
    return manifest(version.id());
  }

  /**
   * The manifest with {@code id}, resolving deltas. Checks that the result has the id it is stored
   * under.
   *
   * @throws InputException when an object is missing or corrupt
   */
  public Manifest manifest(String id) {
    Manifest cached = cached(id);
    if (cached != null) {
      return cached;
    }
    List<StoredManifest> chain = new ArrayList<>();
    StoredManifest object = readObject(id);
    Manifest base = null;
    while (object.isDelta()) {
      chain.add(object);
      if (chain.size() > 1000) {
        throw new InputException(
            "corrupt registry " + describe() + ": the delta chain of " + id + " loops");
      }
      base = cached(object.delta().baseId());
      if (base != null) {
        break;
      }
      object = readObject(object.delta().baseId());
    }
    Manifest manifest = base != null ? base : object.full();
    if (base == null) {
      remember(object.id(), manifest);
    }
    for (int k = chain.size() - 1; k >= 0; k--) {
      StoredManifest delta = chain.get(k);
      manifest = delta.delta().applyTo(manifest);
      if (!manifest.id().equals(delta.id())) {
        throw ManifestCodec.corrupt(
            objectKey(delta.id()),
            "applying it to " + delta.delta().baseId() + " gives another id");
      }
      remember(delta.id(), manifest);
    }
    return manifest;
  }

  private Manifest cached(String id) {
    synchronized (manifests) {
      SoftReference<Manifest> ref = manifests.get(id);
      return ref == null ? null : ref.get();
    }
  }

  private void remember(String id, Manifest manifest) {
    synchronized (manifests) {
      manifests.put(id, new SoftReference<>(manifest));
    }
  }

  /** Reads a stored object, through the local cache when the store is remote. */
  StoredManifest readObject(String id) {
    String key = objectKey(id);
    String name = describe() + "/" + key;
    StoredManifest object;
    if (store.isRemote() && cacheDir != null) {
      Path local = cacheDir.resolve(key);
      if (!Files.isRegularFile(local)) {
        try (InputStream in = store.open(key)) {
          if (in == null) {
            throw missing(id, name);
          }
          AtomicFiles.write(local, out -> in.transferTo(out));
        } catch (IOException e) {
          throw Failures.io("Could not read " + name + ": " + e.getMessage(), e);
        }
      }
      try (InputStream in = Files.newInputStream(local)) {
        object = ManifestCodec.read(in, name);
      } catch (NoSuchFileException e) {
        throw missing(id, name);
      } catch (IOException e) {
        throw Failures.io("Could not read " + local + ": " + e.getMessage(), e);
      } catch (InputException e) {
        deleteQuietly(local);
        throw e;
      }
    } else {
      try (InputStream in = store.open(key)) {
        if (in == null) {
          throw missing(id, name);
        }
        object = ManifestCodec.read(in, name);
      } catch (IOException e) {
        throw Failures.io("Could not read " + name + ": " + e.getMessage(), e);
      }
    }
    if (!object.id().equals(id)) {
      throw ManifestCodec.corrupt(name, "it holds " + object.id() + " instead");
    }
    depths.put(id, object.depth());
    return object;
  }

  private static InputException missing(String id, String name) {
    return new InputException(
        "the manifest of version "
            + id.substring(0, 12)
            + " is missing: "
            + name
            + " does not exist");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a corrupt cache file is only a cache file
    }
  }

  /**
   * Records {@code manifest} as the next version of {@code dataset}, unless it equals the latest.
   * Safe against concurrent writers: a lock file on disk, and create-only writes of log records
   * everywhere (another writer's record makes this one retry with the next number).
   */
  public CommitResult commit(String dataset, Manifest manifest, VersionDraft draft) {
    checkName(dataset);
    try (AutoCloseable ignored = store.lock(dataset)) {
      for (int attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
        VersionInfo latest = latest(dataset);
        if (latest != null && latest.id().equals(manifest.id())) {
          return new CommitResult(latest, false, latest);
        }
        storeManifest(manifest, latest == null ? null : latest.id());
        VersionInfo record =
            new VersionInfo(
                dataset,
                latest == null ? 1 : latest.seq() + 1,
                manifest.id(),
                latest == null ? null : latest.id(),
                (draft.created() == null ? Instant.now() : draft.created())
                    .truncatedTo(ChronoUnit.MILLIS)
                    .toString(),
                draft.creator(),
                draft.note(),
                draft.kind(),
                draft.source(),
                draft.derivation(),
                manifest.size(),
                manifest.totalBytes());
        String key = versionKey(dataset, record.seq());
        byte[] bytes = Json.mapper().writeValueAsBytes(record);
        if (store.put(key, bytes, true) && stillOurs(key, record)) {
          return new CommitResult(record, true, latest);
        }
        records.remove(key);
        backOff(attempt);
      }
      throw new IllegalStateException(
          "could not record a version of "
              + dataset
              + ": "
              + COMMIT_ATTEMPTS
              + " other versions were recorded meanwhile");
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Whether the record just created under {@code key} is still ours. Some S3-compatible servers
   * (s3proxy among them) emulate If-None-Match by a check and a write that are not atomic, so a
   * racing writer can overwrite a record just created: read it back, and on a remote store once
   * more after a moment, longer than such a check-then-write takes. AWS S3 itself is atomic.
   */
  private boolean stillOurs(String key, VersionInfo record) {
    for (int look = 0; look < (store.isRemote() ? 2 : 1); look++) {
      if (look > 0) {
        sleep(100);
      }
      records.remove(key);
      if (!readRecord(key).equals(record)) {
        return false; // the caller forgets the cached record before trying the next number
      }
    }
    return true;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording a version", e);
    }
  }

  private static void backOff(int attempt) {
    sleep((long) (Math.random() * 20 * (attempt + 1)));
  }

  /**
   * Writes the manifest object unless it exists: as a delta against {@code baseId} when that is
   * small and keeps chains short, else in full.
   */
  public void storeManifest(Manifest manifest, String baseId) {
    String id = manifest.id();
    String key = objectKey(id);
    if (store.exists(key)) {
      return;
    }
    StoredManifest object = StoredManifest.full(manifest);
    if (baseId != null && !baseId.equals(id)) {
      Manifest base = manifest(baseId);
      int baseDepth = depths.getOrDefault(baseId, MAX_CHAIN);
      if (baseDepth < MAX_CHAIN) {
        Delta delta = Delta.between(base, manifest);
        if ((long) delta.weight() * 2 < manifest.size()) {
          object = StoredManifest.delta(id, delta, baseDepth + 1);
        }
      }
    }
    writeObject(key, object);
    depths.put(id, object.depth());
    remember(id, manifest);
  }

  private void writeObject(String key, StoredManifest object) {
    Path temp = null;
    try {
      Path dir = cacheDir != null ? Files.createDirectories(cacheDir.resolve("tmp")) : null;
      temp =
          dir == null
              ? Files.createTempFile("ct-manifest", ".ctm")
              : Files.createTempFile(dir, "manifest", ".ctm");
      try (OutputStream out = Files.newOutputStream(temp)) {
        ManifestCodec.write(object, out);
      }
      store.putFile(key, temp, true);
      if (store.isRemote() && cacheDir != null) {
        Path local = cacheDir.resolve(key);
        Files.createDirectories(local.getParent());
        Path from = temp;
        AtomicFiles.write(local, out -> Files.copy(from, out));
      }
    } catch (IOException e) {
      throw Failures.io("Could not write manifest " + key + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  /**
   * Rewrites every version of {@code dataset} that is stored as a delta as a full manifest, so that
   * reads never follow a chain. Ids do not change; readers are never disturbed because each object
   * is replaced atomically by an equivalent one.
   *
   * @return how many objects were rewritten
   */
  public int compact(String dataset) {
    int rewritten = 0;
    for (VersionInfo version : log(dataset)) {
      StoredManifest object = readObject(version.id());
      if (object.isDelta()) {
        Manifest manifest = manifest(version.id());
        Path temp = null;
        try {
          temp = Files.createTempFile("ct-manifest", ".ctm");
          try (OutputStream out = Files.newOutputStream(temp)) {
            ManifestCodec.write(StoredManifest.full(manifest), out);
          }
          store.putFile(objectKey(version.id()), temp, false);
          if (store.isRemote() && cacheDir != null) {
            deleteQuietly(cacheDir.resolve(objectKey(version.id())));
          }
        } catch (IOException e) {
          throw Failures.io("Could not compact " + version.id() + ": " + e.getMessage(), e);
        } finally {
          if (temp != null) {
            deleteQuietly(temp);
          }
        }
        depths.put(version.id(), 0);
        rewritten++;
      }
    }
    return rewritten;
  }

  /** How many deltas lead from {@code id}'s object to a full manifest. */
  public int chainLength(String id) {
    return readObject(id).depth();
  }

  /** The label alias rules of a dataset (empty when none were saved). */
  public LabelAliases aliases(String dataset) {
    checkName(dataset);
    byte[] bytes = store.get("datasets/" + dataset + "/aliases.json");
    return bytes == null
        ? LabelAliases.NONE
        : LabelAliases.parse(
            new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
            describe() + "/datasets/" + dataset + "/aliases.json");
  }

  public void saveAliases(String dataset, LabelAliases aliases) {
    checkName(dataset);
    store.put(
        "datasets/" + dataset + "/aliases.json",
        aliases.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        false);
  }

  @Override
  public void close() {
    store.close();
  }
}
