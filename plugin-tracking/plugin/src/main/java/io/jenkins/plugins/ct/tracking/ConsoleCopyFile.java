package io.jenkins.plugins.ct.tracking;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The file a console decorator copies {@code ##ct[…]} lines to, in whichever JVM it runs: lines are
 * appended whole, so that a reader sees complete lines or none, and parallel branches that print
 * into one copy take turns.
 */
public final class ConsoleCopyFile {
  private static final Object APPEND = new Object();

  private ConsoleCopyFile() {}

  /**
   * Appends {@code line} and a line feed to {@code target}, making its directory first; does
   * nothing when the directory cannot be made (the console keeps the line in any case).
   */
  public static void appendLine(File target, String line) throws IOException {
    File dir = target.getParentFile();
    if (dir != null && !dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
      return;
    }
    synchronized (APPEND) {
      try (FileOutputStream copy = new FileOutputStream(target, true)) {
        copy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
