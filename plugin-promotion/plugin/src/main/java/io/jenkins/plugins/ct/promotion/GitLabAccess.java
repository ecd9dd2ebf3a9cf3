package io.jenkins.plugins.ct.promotion;

import hudson.AbortException;
import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gitlab.GitLabException;
import java.util.concurrent.Callable;

/**
 * Calls into GitLab4J from Jenkins threads: its JAX-RS client finds its implementation through the
 * thread's context class loader, which in Jenkins is not this plugin's; and failures become
 * messages in words with the token scrubbed, whatever the HTTP client put in them.
 */
final class GitLabAccess {
  private GitLabAccess() {}

  static <T> T withPluginClassLoader(Callable<T> call) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(GitLabAccess.class.getClassLoader());
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The text with every occurrence of the token replaced. */
  static String scrub(String text, String token) {
    if (text == null || token == null || token.isEmpty()) {
      return text;
    }
    return text.replace(token, "****");
  }

  /** An exception's class and message, scrubbed, without a stack trace. */
  static String describe(Throwable e, String token) {
    String message = e.getMessage();
    return scrub(e.getClass().getSimpleName() + (message == null ? "" : ": " + message), token);
  }

  /**
   * The step's failure for a GitLab or input problem: an AbortException, so that the console shows
   * the sentence and not a stack trace (which could carry the token in a cause's message).
   */
  static AbortException abort(String step, RuntimeException e, String token) {
    if (e instanceof GitLabException || e instanceof InputException) {
      return new AbortException(step + ": " + scrub(e.getMessage(), token));
    }
    return new AbortException(step + ": unexpected failure: " + describe(e, token));
  }
}
