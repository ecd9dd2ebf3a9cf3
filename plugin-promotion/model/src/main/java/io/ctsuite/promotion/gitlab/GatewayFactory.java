package io.ctsuite.promotion.gitlab;

/**
 * Opens a gateway to a GitLab server. The Jenkins glue passes a token from its credentials store,
 * the `ct` command one from GITLAB_TOKEN; tests pass a factory of their own.
 */
@FunctionalInterface
public interface GatewayFactory {
  MergeRequestGateway open(String url, String token);
}
