package io.jenkins.plugins.ct.tracking.sweep;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads a growing file from an offset, at most {@code limit} bytes, on the node that holds it; an
 * absent file reads as nothing (the trial has not written it yet). Only bytes travel back, so the
 * controller never opens agent files itself.
 */
final class ReadFrom extends MasterToSlaveFileCallable<byte[]> {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final int limit;

  ReadFrom(long offset, int limit) {
    this.offset = offset;
    this.limit = limit;
  }

  @Override
  public byte[] invoke(File file, VirtualChannel channel) throws IOException {
    if (!file.isFile()) {
      return new byte[0];
    }
    try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
      long available = in.length() - offset;
      if (available <= 0) {
        return new byte[0];
      }
      byte[] data = new byte[(int) Math.min(available, limit)];
      in.seek(offset);
      in.readFully(data);
      return data;
    }
  }
}
