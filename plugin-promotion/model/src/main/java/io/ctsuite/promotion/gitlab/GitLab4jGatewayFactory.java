package io.ctsuite.promotion.gitlab;

import java.time.Duration;
import org.gitlab4j.api.GitLabApi;

/** Opens GitLab4J gateways: URL and token in, retries and timeouts configured here. */
public final class GitLab4jGatewayFactory implements GatewayFactory {
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  public GitLab4jGatewayFactory() {
    this(RetryPolicy.DEFAULT, Sleeper.REAL, Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  public GitLab4jGatewayFactory(
      RetryPolicy retry, Sleeper sleeper, Duration connectTimeout, Duration readTimeout) {
    this.retry = retry;
    this.sleeper = sleeper;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  @Override
  public MergeRequestGateway open(String url, String token) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("no GitLab URL given");
    }
    if (token == null || token.isBlank()) {
      throw new GitLabException(
          GitLabException.Kind.UNAUTHORIZED, 0, "no GitLab token given (set GITLAB_TOKEN)");
    }
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    GitLabApi api = new GitLabApi(base, token);
    api.setRequestTimeout((int) connectTimeout.toMillis(), (int) readTimeout.toMillis());
    return new GitLab4jGateway(api, base, token, retry, sleeper);
  }
}
