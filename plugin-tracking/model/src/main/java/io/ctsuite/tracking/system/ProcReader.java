package io.ctsuite.tracking.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads {@link HostCounters} from a Linux {@code /proc} (or a copy of its files, for tests): {@code
 * stat}, {@code meminfo}, {@code net/dev} and {@code diskstats}. A file that is missing (another
 * OS, a container without it) reads as zeros; nothing here throws for that.
 */
public final class ProcReader {
  /** Whole disks only: partitions would count the same bytes twice, virtual devices too. */
  private static final Pattern NOT_A_DISK =
      Pattern.compile(
          "(loop|ram|zram|dm-|md|sr|fd).*|(sd|hd|vd|xvd)[a-z]+\\d+|(nvme\\d+n\\d+|mmcblk\\d+)p\\d+");

  private static final int SECTOR = 512;

  private final Path root;

  public ProcReader(Path procRoot) {
    this.root = procRoot;
  }

  /** The host's {@code /proc}. */
  public static ProcReader host() {
    return new ProcReader(Path.of("/proc"));
  }

  /** Whether this looks like a Linux {@code /proc}. */
  public boolean available() {
    return Files.isReadable(root.resolve("stat"));
  }

  public HostCounters read() {
    long busy = 0;
    long total = 0;
    String stat = text("stat");
    int cpu = stat.indexOf("cpu ");
    if (cpu >= 0) {
      int end = stat.indexOf('\n', cpu);
      String[] f = stat.substring(cpu + 4, end < 0 ? stat.length() : end).trim().split("\\s+");
      for (int i = 0; i < f.length && i < 8; i++) {
        long v = parse(f[i]);
        total += v;
        if (i != 3 && i != 4) { // idle, iowait
          busy += v;
        }
      }
    }
    long memTotal = 0;
    long memAvailable = -1;
    long memFree = 0;
    for (String line : text("meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        memTotal = kib(line);
      } else if (line.startsWith("MemAvailable:")) {
        memAvailable = kib(line);
      } else if (line.startsWith("MemFree:")) {
        memFree = kib(line);
      }
    }
    long used = memTotal - (memAvailable >= 0 ? memAvailable : memFree);
    long rx = 0;
    long tx = 0;
    for (String line : text("net/dev").split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0 || line.contains("|")) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      if (name.equals("lo")) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      if (f.length >= 9) {
        rx += parse(f[0]);
        tx += parse(f[8]);
      }
    }
    long read = 0;
    long written = 0;
    for (String line : text("diskstats").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || NOT_A_DISK.matcher(f[2]).matches()) {
        continue;
      }
      read += parse(f[5]) * SECTOR;
      written += parse(f[9]) * SECTOR;
    }
    return new HostCounters(busy, total, memTotal, used, rx, tx, read, written);
  }

  private String text(String name) {
    try {
      return Files.readString(root.resolve(name), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      return "";
    }
  }

  private static long kib(String line) {
    String[] f = line.trim().split("\\s+");
    return f.length >= 2 ? parse(f[1]) * 1024 : 0;
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
