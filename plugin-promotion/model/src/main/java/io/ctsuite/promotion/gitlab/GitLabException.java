package io.ctsuite.promotion.gitlab;

/**
 * A GitLab request failed. The message says what was being done and what to do about it, and never
 * contains the token.
 */
public class GitLabException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the caller needs to tell cases apart. */
  public enum Kind {
    /** 401: the token is missing, wrong or expired. */
    UNAUTHORIZED,
    /** 403: the token may not do this. */
    FORBIDDEN,
    /** 404: the project, branch, file or merge request does not exist (or is hidden). */
    NOT_FOUND,
    /** 409 or an equivalent 400: the branch or file changed underneath, or a duplicate. */
    CONFLICT,
    /** 429 or 5xx after all retries, or the server could not be reached. */
    UNAVAILABLE,
    /** Any other refusal, e.g. 400 for a bad parameter. */
    REJECTED
  }

  private final Kind kind;
  private final int status;

  public GitLabException(Kind kind, int status, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
