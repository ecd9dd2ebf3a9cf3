package io.ctsuite.datasets.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One stat of a file: type, size, modification time in nanoseconds, an identity (the inode mixed
 * with the status-change time, so that content rewritten under an old modification time is still
 * noticed, as git does with ctime), and a key that tells directories apart for loop detection. Uses
 * the "unix" attribute view (one lstat/stat call) where there is one; elsewhere the basic view,
 * without inodes.
 */
record FileStat(Type type, long size, long mtimeNanos, long identity, Object key) {
  enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  private static final String UNIX_ATTRIBUTES =
      "unix:size,lastModifiedTime,ctime,ino,dev,isRegularFile,isDirectory,isSymbolicLink";
  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final LinkOption[] FOLLOW = {};
  private static volatile boolean unixView = true;

  static FileStat of(Path path, boolean follow) throws IOException {
    LinkOption[] options = follow ? FOLLOW : NO_FOLLOW;
    if (unixView) {
      try {
        Map<String, Object> a = Files.readAttributes(path, UNIX_ATTRIBUTES, options);
        Type type =
            Boolean.TRUE.equals(a.get("isSymbolicLink"))
                ? Type.SYMLINK
                : Boolean.TRUE.equals(a.get("isDirectory"))
                    ? Type.DIRECTORY
                    : Boolean.TRUE.equals(a.get("isRegularFile")) ? Type.FILE : Type.OTHER;
        long ino = (Long) a.get("ino");
        long dev = (Long) a.get("dev");
        long ctime = nanos((FileTime) a.get("ctime"));
        return new FileStat(
            type,
            (Long) a.get("size"),
            nanos((FileTime) a.get("lastModifiedTime")),
            ino ^ (ctime * 0x9E3779B97F4A7C15L),
            new DeviceInode(dev, ino));
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        unixView = false;
      }
    }
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, options);
    Type type =
        a.isSymbolicLink()
            ? Type.SYMLINK
            : a.isDirectory() ? Type.DIRECTORY : a.isRegularFile() ? Type.FILE : Type.OTHER;
    Object key = a.fileKey();
    if (key == null && type == Type.DIRECTORY) {
      key = path.toRealPath().toString();
    }
    return new FileStat(type, a.size(), nanos(a.lastModifiedTime()), 0, key);
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }

  boolean sameAs(long otherSize, long otherMtimeNanos, long otherIdentity) {
    return size == otherSize && mtimeNanos == otherMtimeNanos && identity == otherIdentity;
  }

  /** A directory's identity on this machine. */
  record DeviceInode(long dev, long ino) {}
}
