package io.ctsuite.datasets.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

public class S3SettingsTest {
  private final MockWebServer server = new MockWebServer();

  @Before
  public void start() throws Exception {
    server.start();
  }

  @After
  public void stop() throws Exception {
    server.shutdown();
  }

  @Test
  public void shouldUploadWithoutWaitingForOneHundredContinue() throws Exception {
    RecordedRequest empty = upload("videos/", "");
    RecordedRequest manifest = upload("reg/datasets/a/versions/1.json", "{\"seq\":1}");

    for (RecordedRequest request : new RecordedRequest[] {empty, manifest}) {
      assertThat(request.getMethod()).isEqualTo("PUT");
      assertThat(request.getHeader("Expect")).isNull();
    }
    assertThat(empty.getPath()).isEqualTo("/ct-test/videos/");
    assertThat(empty.getBodySize()).isZero();
    assertThat(manifest.getBody().readUtf8()).isEqualTo("{\"seq\":1}");
  }

  private RecordedRequest upload(String key, String content) throws Exception {
    String md5 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
    server.enqueue(new MockResponse().setResponseCode(200).setHeader("ETag", "\"" + md5 + "\""));
    S3Settings settings =
        S3Settings.of(server.url("/").toString(), "us-east-1", "ct-access", "ct-secret");
    try (S3Client client = settings.client()) {
      client.putObject(b -> b.bucket("ct-test").key(key), RequestBody.fromString(content));
    }
    return server.takeRequest();
  }
}
