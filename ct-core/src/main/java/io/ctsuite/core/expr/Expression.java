package io.ctsuite.core.expr;

import java.util.Set;
import java.util.function.Function;

/**
 * A compiled filter expression such as {@code lr < 0.05 and tags.arch == 'resnet50'} or {@code
 * source in ('hospital-a','hospital-c') and size > 1MB and path matches 'videos/**.mp4'}.
 *
 * <p>Compile once with {@link #parse(String)}, then evaluate against many records: a record is seen
 * through a resolver that maps a name (as written, e.g. {@code tags.arch}) to its value or {@code
 * null} when the record has none. The grammar, operators and units are described in {@link
 * ExpressionParser}.
 */
public final class Expression {
  private final String source;
  private final Node root;
  private final Set<String> names;

  Expression(String source, Node root, Set<String> names) {
    this.source = source;
    this.root = root;
    this.names = names;
  }

  /**
   * Compiles an expression; a blank one matches everything.
   *
   * @throws ExpressionException naming the column and what was expected
   */
  public static Expression parse(String source) {
    return new ExpressionParser(source == null ? "" : source).parse();
  }

  /** Whether the record seen through {@code resolver} satisfies the expression. */
  public boolean matches(Function<String, Object> resolver) {
    return Values.truthy(root.evaluate(resolver));
  }

  /** The names the expression reads, so that callers can check or preload them. */
  public Set<String> names() {
    return names;
  }

  @Override
  public String toString() {
    return source;
  }

  /** A node of the syntax tree. */
  interface Node {
    Object evaluate(Function<String, Object> resolver);
  }
}
