package io.ctsuite.datasets.store;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * How to reach S3: the AWS defaults (environment, profile, instance role), or an endpoint such as
 * MinIO or s3proxy with path-style addressing. Serializable so that a Jenkins controller can hand
 * it to an agent; the secret never appears in {@link #toString()}.
 */
public final class S3Settings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final String region;
  private final String accessKey;
  private final String secretKey;

  private S3Settings(String endpoint, String region, String accessKey, String secretKey) {
    this.endpoint = blankToNull(endpoint);
    this.region = blankToNull(region);
    this.accessKey = blankToNull(accessKey);
    this.secretKey = blankToNull(secretKey);
  }

  /**
   * The AWS defaults, with an endpoint from {@code AWS_ENDPOINT_URL_S3} or {@code
   * AWS_ENDPOINT_URL}.
   */
  public static S3Settings fromEnvironment() {
    String endpoint = System.getenv("AWS_ENDPOINT_URL_S3");
    if (endpoint == null || endpoint.isBlank()) {
      endpoint = System.getenv("AWS_ENDPOINT_URL");
    }
    return new S3Settings(endpoint, null, null, null);
  }

  /** An explicit endpoint and static credentials (tests, MinIO). */
  public static S3Settings of(String endpoint, String region, String accessKey, String secretKey) {
    return new S3Settings(endpoint, region, accessKey, secretKey);
  }

  public S3Settings withEndpoint(String newEndpoint) {
    return new S3Settings(newEndpoint, region, accessKey, secretKey);
  }

  public String endpoint() {
    return endpoint;
  }

  public S3Client client() {
    var builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(Duration.ofMinutes(10))
                    .addExecutionInterceptor(new WithoutExpectContinue())
                    .build());
    if (endpoint != null) {
      builder
          .endpointOverride(URI.create(endpoint))
          .serviceConfiguration(
              S3Configuration.builder()
                  .pathStyleAccessEnabled(true)
                  .chunkedEncodingEnabled(false)
                  .build());
    }
    String chosenRegion = region;
    if (chosenRegion == null) {
      chosenRegion = System.getenv("AWS_REGION");
    }
    if (chosenRegion == null) {
      chosenRegion = System.getenv("AWS_DEFAULT_REGION");
    }
    if (chosenRegion == null && endpoint != null) {
      chosenRegion = "us-east-1";
    }
    if (chosenRegion != null) {
      builder.region(Region.of(chosenRegion));
    }
    builder.credentialsProvider(credentials());
    return builder.build();
  }

  /**
   * Sends uploads without {@code Expect: 100-continue}. HttpURLConnection mishandles a server that
   * answers such a request at once instead of with 100 (as Jetty-based s3proxy does for an empty
   * object): the client then waits for a second answer until the server's idle timeout closes the
   * connection, and the upload fails with "Unexpected end of file from server". The registry's
   * uploads are manifests and version records, cheap to send whole even when refused.
   */
  static final class WithoutExpectContinue implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(
        Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
      SdkHttpRequest request = context.httpRequest();
      if (request.firstMatchingHeader("Expect").isEmpty()) {
        return request;
      }
      return request.toBuilder().removeHeader("Expect").build();
    }
  }

  private AwsCredentialsProvider credentials() {
    if (accessKey != null && secretKey != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
    return DefaultCredentialsProvider.create();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  @Override
  public String toString() {
    return endpoint == null ? "AWS S3" : endpoint;
  }
}
