package io.jenkins.plugins.ct.promotion;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.ctsuite.core.FileDigests;
import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import jenkins.MasterToSlaveFileCallable;

/** The SHA-256 of a model file, computed on the agent that has it. */
final class Sha256Callable extends MasterToSlaveFileCallable<String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String invoke(File file, VirtualChannel channel) throws IOException {
    try {
      return FileDigests.sha256Hex(file.toPath());
    } catch (NoSuchFileException e) {
      throw new AbortException("model file not found: " + file);
    }
  }
}
