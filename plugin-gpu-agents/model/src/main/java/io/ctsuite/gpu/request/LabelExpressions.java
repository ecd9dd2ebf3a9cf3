package io.ctsuite.gpu.request;

import io.ctsuite.core.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the GPU request in a Jenkins label expression such as {@code linux && gpu:a100:2} or {@code
 * "gpu:2,spot" && cuda12}. The tokens follow Jenkins' label grammar: the operators {@code && || !
 * -> <-> ( )}, whitespace, and atoms, bare or in double quotes with backslash escapes.
 */
public final class LabelExpressions {
  private LabelExpressions() {}

  /**
   * The GPU request of a label expression, or empty when it asks for no GPU. Fails when the request
   * is malformed, negated, or when two different requests appear.
   */
  public static Optional<GpuRequest> gpuRequest(String expression) {
    if (expression == null || expression.isBlank()) {
      return Optional.empty();
    }
    String where = "label '" + expression.strip() + "'";
    List<Token> tokens = tokens(expression, where);
    GpuRequest found = null;
    String foundText = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (!token.atom() || !GpuRequestParser.isGpuAtom(token.text())) {
        continue;
      }
      if (i > 0 && tokens.get(i - 1).text().equals("!") && !tokens.get(i - 1).atom()) {
        throw new InputException(
            "GPU request '"
                + token.text()
                + "' in "
                + where
                + ": a GPU request cannot be negated; leave it out to run without a GPU");
      }
      GpuRequest request = GpuRequestParser.parse(token.text(), where);
      if (found != null && !found.equals(request)) {
        throw new InputException(
            where
                + " asks for two different GPU requests, '"
                + foundText
                + "' and '"
                + token.text()
                + "'; a build runs in one pod, so ask for one");
      }
      found = request;
      foundText = token.text();
    }
    return Optional.ofNullable(found);
  }

  /** The atoms and operators of an expression, in order. */
  static List<Token> tokens(String expression, String where) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = expression.length();
    while (i < n) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (expression.startsWith("&&", i) || expression.startsWith("||", i)) {
        tokens.add(new Token(expression.substring(i, i + 2), false));
        i += 2;
      } else if (expression.startsWith("<->", i)) {
        tokens.add(new Token("<->", false));
        i += 3;
      } else if (expression.startsWith("->", i)) {
        tokens.add(new Token("->", false));
        i += 2;
      } else if (c == '!' || c == '(' || c == ')') {
        tokens.add(new Token(String.valueOf(c), false));
        i++;
      } else if (c == '"') {
        StringBuilder atom = new StringBuilder();
        int j = i + 1;
        while (j < n && expression.charAt(j) != '"') {
          if (expression.charAt(j) == '\\' && j + 1 < n) {
            j++;
          }
          atom.append(expression.charAt(j));
          j++;
        }
        if (j >= n) {
          throw new InputException(
              where + ": the quote opened at offset " + i + " is never closed");
        }
        tokens.add(new Token(atom.toString(), true));
        i = j + 1;
      } else {
        int j = i;
        while (j < n && !endsAtom(expression, j)) {
          j++;
        }
        tokens.add(new Token(expression.substring(i, j), true));
        i = j;
      }
    }
    return tokens;
  }

  private static boolean endsAtom(String expression, int i) {
    char c = expression.charAt(i);
    return Character.isWhitespace(c)
        || c == '!'
        || c == '('
        || c == ')'
        || c == '"'
        || expression.startsWith("&&", i)
        || expression.startsWith("||", i)
        || expression.startsWith("->", i)
        || expression.startsWith("<->", i);
  }

  /** An atom (label name) or an operator. */
  record Token(String text, boolean atom) {}
}
