package io.ctsuite.cli.gate;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gitlab.GatewayFactory;
import io.ctsuite.promotion.gitlab.GitLab4jGatewayFactory;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The GitLab server and project. The token comes only from the GITLAB_TOKEN environment variable,
 * never from an option, so that it stays out of shell history and process lists.
 */
public class GitLabOptions {
  /** Where commands get gateways; tests replace it. */
  static GatewayFactory gateways = new GitLab4jGatewayFactory();

  /** Where the environment comes from; tests replace it. */
  static Function<String, String> environment = System::getenv;

  @Option(
      names = "--gitlab-url",
      paramLabel = "URL",
      description =
          "The GitLab server (default: $GITLAB_URL). The token is read from $GITLAB_TOKEN.")
  String url;

  @Option(
      names = "--project",
      required = true,
      paramLabel = "PROJECT",
      description = "The GitLab project: its path (group/name) or numeric id.")
  String project;

  String url(boolean required) {
    String value = url != null ? url : environment.apply("GITLAB_URL");
    if ((value == null || value.isBlank()) && required) {
      throw new InputException("give --gitlab-url or set GITLAB_URL");
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  MergeRequestGateway open() {
    String token = environment.apply("GITLAB_TOKEN");
    if (token == null || token.isBlank()) {
      throw new InputException(
          "set GITLAB_TOKEN to a GitLab access token with the api scope (it is never taken from"
              + " the command line)");
    }
    return gateways.open(url(true), token.strip());
  }
}
