package io.ctsuite.cli.support;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
public class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "ct " + (version == null ? "development build" : version),
      "Java " + System.getProperty("java.version")
    };
  }
}
