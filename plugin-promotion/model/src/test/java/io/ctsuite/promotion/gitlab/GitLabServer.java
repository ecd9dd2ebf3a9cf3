package io.ctsuite.promotion.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.rules.ExternalResource;

/**
 * An HTTP server on 127.0.0.1 that answers GitLab v4 API requests with scripted responses, and lets
 * a test check every request that arrived, in order.
 */
public final class GitLabServer extends ExternalResource {
  public static final String TOKEN = "glpat-Secret-Token-4d7e9a1b";

  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  protected void before() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @Override
  protected void after() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public void shutdown() throws IOException {
    server.shutdown();
  }

  public GitLabServer answer(MockResponse response) {
    server.enqueue(response);
    return this;
  }

  public GitLabServer answer(int status, String json) {
    return answer(GitLabFixtures.json(status, json));
  }

  /** A gateway with quick retries whose waits are recorded instead of slept. */
  public MergeRequestGateway gateway(int maxAttempts) {
    RetryPolicy retry =
        new RetryPolicy(
            maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));
    return new GitLab4jGatewayFactory(
            retry, sleeps::add, Duration.ofSeconds(5), Duration.ofSeconds(5))
        .open(url(), TOKEN);
  }

  public MergeRequestGateway gateway() {
    return gateway(4);
  }

  /** The waits between retries, as the gateway asked for them. */
  public List<Duration> sleeps() {
    return sleeps;
  }

  public int requestCount() {
    return server.getRequestCount();
  }

  /** The next request, checked for method and path (with query); its body is returned. */
  public Request take(String method, String path) {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("a %s %s request", method, path).isNotNull();
      assertThat(request.getMethod() + " " + request.getPath()).isEqualTo(method + " " + path);
      assertThat(request.getHeader("PRIVATE-TOKEN")).isEqualTo(TOKEN);
      String body = request.getBody().readUtf8();
      if (method.equals("GET")) {
        assertThat(body).as("the body of GET %s", path).isEmpty();
      }
      return new Request(body, request.getHeader("Content-Type"));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** A request's body. */
  public record Request(String body, String contentType) {
    public JsonNode json() {
      assertThat(contentType).startsWith("application/json");
      try {
        return Json.mapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** Form fields; a repeated field (assignee_ids[]) keeps all its values joined by commas. */
    public Map<String, String> form() {
      assertThat(contentType).startsWith("application/x-www-form-urlencoded");
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.merge(key, value, (a, b) -> a + "," + b);
      }
      return fields;
    }

    public void isEmpty() {
      assertThat(body).isEmpty();
    }
  }
}
