package io.jenkins.plugins.ct.promotion;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jenkins.MasterToSlaveFileCallable;

/** The SHA-256 of a model file, computed on the agent that has it. */
final class Sha256Callable extends MasterToSlaveFileCallable<String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String invoke(File file, VirtualChannel channel) throws IOException {
    try (InputStream in = Files.newInputStream(file.toPath())) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchFileException e) {
      throw new AbortException("model file not found: " + file);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
