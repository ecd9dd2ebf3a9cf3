package io.ctsuite.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit of the training code, for lineage; null outside a git checkout or without git. */
final class GitCommit {
  private GitCommit() {}

  static String of(Path dir) {
    try {
      Process git =
          new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      git.getOutputStream().close();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
        return null;
      }
      return out.matches("[0-9a-f]{40}") ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
