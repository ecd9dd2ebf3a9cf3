package io.ctsuite.datasets.store;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.rules.ExternalResource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for a test: s3proxy with its filesystem backend in a temporary directory,
 * listening on 127.0.0.1 at a random port, with one bucket. It can be stopped mid-test to play an
 * outage and started again on the same port and data.
 */
public final class S3ProxyRule extends ExternalResource {
  public static final String BUCKET = "ct-test";
  private static final String ACCESS = "ct-access";
  private static final String SECRET = "ct-secret";

  private final String provider;
  private Path data;
  private BlobStoreContext context;
  private S3Proxy proxy;
  private int port;

  /** The filesystem backend. */
  public S3ProxyRule() {
    this("filesystem");
  }

  /**
   * @param provider a jclouds blob store: "filesystem", or "transient" (in memory, keeps keys that
   *     a file system could not, such as {@code a/../b})
   */
  public S3ProxyRule(String provider) {
    this.provider = provider;
  }

  @Override
  protected void before() throws Throwable {
    data = Files.createTempDirectory("s3proxy");
    start(0);
    try (S3Client client = settings().client()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
  }

  private void start(int wantedPort) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", data.toString());
    context =
        ContextBuilder.newBuilder(provider)
            .credentials("identity", "credential")
            .overrides(properties)
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + wantedPort))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    port = proxy.getPort();
  }

  /** Plays an outage: the port stops answering. */
  public void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
      context.close();
    }
  }

  /** Ends an outage: the same port, the same data. */
  public void restart() throws Exception {
    stop();
    start(port);
  }

  public S3Settings settings() {
    return S3Settings.of("http://127.0.0.1:" + port, "us-east-1", ACCESS, SECRET);
  }

  public String uri(String prefix) {
    return "s3://" + BUCKET + "/" + prefix;
  }

  @Override
  protected void after() {
    try {
      stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
