package io.ctsuite.datasets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers and hexadecimal text, shared by manifests, snapshots and the registry. */
public final class Hashes {
  /** Bytes in a SHA-256 digest. */
  public static final int LENGTH = 32;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Hashes() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  public static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }

  public static String hex(byte[] bytes) {
    return hex(bytes, 0, bytes.length);
  }

  public static String hex(byte[] bytes, int offset, int length) {
    char[] text = new char[length * 2];
    for (int i = 0; i < length; i++) {
      int b = bytes[offset + i] & 0xff;
      text[2 * i] = HEX[b >>> 4];
      text[2 * i + 1] = HEX[b & 0xf];
    }
    return new String(text);
  }

  /** Whether {@code text} is lower- or upper-case hexadecimal of any length. */
  public static boolean isHex(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses 64 hexadecimal digits.
   *
   * @throws IllegalArgumentException when the text is not a SHA-256 in hexadecimal
   */
  public static byte[] parseHex(String text) {
    if (text.length() != 2 * LENGTH || !isHex(text)) {
      throw new IllegalArgumentException("not a SHA-256 in hexadecimal: " + text);
    }
    byte[] bytes = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      bytes[i] =
          (byte)
              ((Character.digit(text.charAt(2 * i), 16) << 4)
                  | Character.digit(text.charAt(2 * i + 1), 16));
    }
    return bytes;
  }
}
