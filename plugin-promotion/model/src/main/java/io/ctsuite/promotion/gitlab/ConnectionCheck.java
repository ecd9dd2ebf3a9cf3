package io.ctsuite.promotion.gitlab;

import java.time.Duration;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.User;

/**
 * Answers "does this URL and token work?" for a settings page: one request for the token's own
 * user, no retries (a person is waiting), and a message in words that never holds the token.
 */
public final class ConnectionCheck {
  private ConnectionCheck() {}

  /**
   * The token's user as "username (Full Name)".
   *
   * @throws GitLabException with a message fit for a form, when GitLab cannot be reached or refuses
   *     the token
   */
  public static String currentUser(
      String url, String token, Duration connectTimeout, Duration readTimeout) {
    if (url == null || url.isBlank()) {
      throw new GitLabException(GitLabException.Kind.REJECTED, 0, "no GitLab URL given");
    }
    if (token == null || token.isBlank()) {
      throw new GitLabException(GitLabException.Kind.UNAUTHORIZED, 0, "the token is empty");
    }
    String base = url.strip().replaceAll("/+$", "");
    try (GitLabApi api = new GitLabApi(base, token)) {
      api.setRequestTimeout((int) connectTimeout.toMillis(), (int) readTimeout.toMillis());
      User user = api.getUserApi().getCurrentUser();
      String name = user.getName();
      return user.getUsername() + (name == null || name.isBlank() ? "" : " (" + name + ")");
    } catch (GitLabApiException e) {
      throw new GitLabException(
          kind(e.getHttpStatus()), e.getHttpStatus(), clean(message(base, e), token));
    } catch (RuntimeException e) {
      // the HTTP client's own failures (refused connection, timeout, bad host) arrive unchecked
      throw new GitLabException(
          GitLabException.Kind.UNAVAILABLE,
          0,
          clean("could not reach GitLab at " + base + ": " + rootCause(e), token));
    }
  }

  private static GitLabException.Kind kind(int status) {
    return switch (status) {
      case 401 -> GitLabException.Kind.UNAUTHORIZED;
      case 403 -> GitLabException.Kind.FORBIDDEN;
      case 404 -> GitLabException.Kind.NOT_FOUND;
      case 0, 429, 500, 502, 503, 504 -> GitLabException.Kind.UNAVAILABLE;
      default -> GitLabException.Kind.REJECTED;
    };
  }

  private static String message(String base, GitLabApiException e) {
    int status = e.getHttpStatus();
    return switch (status) {
      case 401 ->
          "GitLab at "
              + base
              + " did not accept the token (401 Unauthorized); check that it is valid, not"
              + " expired, and has the api scope";
      case 403 ->
          "GitLab at " + base + " refused the token (403 Forbidden); it needs the api scope";
      case 404 ->
          "no GitLab API at "
              + base
              + " (404 for /api/v4/user); give the server's address without /api/v4";
      case 0 ->
          "could not reach GitLab at "
              + base
              + ": "
              + (e.getCause() != null ? rootCause(e) : String.valueOf(e.getMessage()));
      default -> "GitLab at " + base + " answered " + status + ": " + e.getMessage();
    };
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage();
    return root.getClass().getSimpleName() + (text == null ? "" : ": " + text);
  }

  private static String clean(String message, String token) {
    return message == null ? null : message.replace(token, "****");
  }
}
