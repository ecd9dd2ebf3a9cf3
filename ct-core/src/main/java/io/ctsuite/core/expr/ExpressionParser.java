package io.ctsuite.core.expr;

import io.ctsuite.core.expr.Expression.Node;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of the filter language.
 *
 * <pre>
 * expression := or
 * or         := and ('or' and)*
 * and        := not ('and' not)*
 * not        := 'not' not | comparison
 * comparison := operand [ ('=='|'='|'!='|'<'|'<='|'>'|'>=') operand
 *                       | ['not'] 'in' '(' operand (',' operand)* ')'
 *                       | 'matches' STRING        -- glob, ** crosses directories
 *                       | '~' STRING ]            -- regular expression, found anywhere
 * operand    := NUMBER [unit] | STRING | 'true' | 'false' | 'null' | NAME | '(' or ')'
 * NAME       := letter or '_' then letters, digits, '_', '.', '/', '-', '@', ':'; or `back-quoted`
 * STRING     := 'single' or "double" quoted, backslash escapes the quote
 * unit       := KB MB GB TB (powers of 1000) | KiB MiB GiB TiB (powers of 1024) | % (divides by 100)
 * </pre>
 *
 * Keywords are case-insensitive; {@code &&}, {@code ||} and {@code !} are accepted as well.
 */
final class ExpressionParser {
  private static final Map<String, Double> UNITS =
      Map.ofEntries(
          Map.entry("kb", 1e3),
          Map.entry("mb", 1e6),
          Map.entry("gb", 1e9),
          Map.entry("tb", 1e12),
          Map.entry("kib", 1024d),
          Map.entry("mib", 1024d * 1024),
          Map.entry("gib", 1024d * 1024 * 1024),
          Map.entry("tib", 1024d * 1024 * 1024 * 1024),
          Map.entry("b", 1d),
          Map.entry("%", 0.01));

  private final String text;
  private final Set<String> names = new LinkedHashSet<>();
  private int pos;

  ExpressionParser(String text) {
    this.text = text;
  }

  Expression parse() {
    skipSpace();
    if (pos == text.length()) {
      return new Expression(text, resolver -> Boolean.TRUE, Set.of());
    }
    Node root = or();
    skipSpace();
    if (pos < text.length()) {
      throw error("unexpected '" + text.substring(pos, Math.min(text.length(), pos + 12)) + "'");
    }
    return new Expression(text, root, Set.copyOf(names));
  }

  private Node or() {
    Node left = and();
    while (keyword("or") || symbol("||")) {
      Node l = left;
      Node r = and();
      left = resolver -> Values.truthy(l.evaluate(resolver)) || Values.truthy(r.evaluate(resolver));
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (keyword("and") || symbol("&&")) {
      Node l = left;
      Node r = not();
      left = resolver -> Values.truthy(l.evaluate(resolver)) && Values.truthy(r.evaluate(resolver));
    }
    return left;
  }

  private Node not() {
    if (keyword("not") || (peekIs("!") && !peekIs("!=") && symbol("!"))) {
      Node inner = not();
      return resolver -> !Values.truthy(inner.evaluate(resolver));
    }
    return comparison();
  }

  private Node comparison() {
    Node left = operand();
    int start = pos;
    if (keyword("not")) {
      if (!keyword("in")) {
        pos = start;
        throw error("expected 'in' after 'not'");
      }
      Node in = in(left);
      return resolver -> !Values.truthy(in.evaluate(resolver));
    }
    if (keyword("in")) {
      return in(left);
    }
    if (keyword("matches")) {
      PathMatcher glob = glob(string("a glob pattern in quotes"));
      return resolver -> {
        Object value = left.evaluate(resolver);
        if (value == null) {
          return false;
        }
        try {
          return glob.matches(Path.of(String.valueOf(value)));
        } catch (InvalidPathException e) {
          return false;
        }
      };
    }
    if (symbol("~")) {
      int at = pos;
      String regex = string("a regular expression in quotes");
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (RuntimeException e) {
        pos = at;
        throw error("invalid regular expression: " + e.getMessage().lines().findFirst().orElse(""));
      }
      return resolver -> {
        Object value = left.evaluate(resolver);
        return value != null && pattern.matcher(String.valueOf(value)).find();
      };
    }
    String op = comparisonOperator();
    if (op == null) {
      return left;
    }
    Node right = operand();
    return switch (op) {
      case "==", "=" -> resolver -> Values.same(left.evaluate(resolver), right.evaluate(resolver));
      case "!=" -> resolver -> !Values.same(left.evaluate(resolver), right.evaluate(resolver));
      default -> ordering(op, left, right);
    };
  }

  private static Node ordering(String op, Node left, Node right) {
    return resolver -> {
      Integer c = Values.order(left.evaluate(resolver), right.evaluate(resolver));
      if (c == null) {
        return false;
      }
      return switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    };
  }

  private Node in(Node left) {
    expect("(");
    List<Node> options = new ArrayList<>();
    do {
      options.add(operand());
    } while (symbol(","));
    expect(")");
    return resolver -> {
      Object value = left.evaluate(resolver);
      for (Node option : options) {
        if (Values.same(value, option.evaluate(resolver))) {
          return true;
        }
      }
      return false;
    };
  }

  private String comparisonOperator() {
    for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">", "="}) {
      if (symbol(op)) {
        return op;
      }
    }
    return null;
  }

  private Node operand() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("expected a value or a name, found the end");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Node inner = or();
      expect(")");
      return inner;
    }
    if (c == '\'' || c == '"') {
      String value = string("a string");
      return resolver -> value;
    }
    if (Character.isDigit(c)
        || ((c == '-' || c == '+' || c == '.')
            && pos + 1 < text.length()
            && (Character.isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '.'))) {
      Double value = number();
      return resolver -> value;
    }
    if (c == '`') {
      int end = text.indexOf('`', pos + 1);
      if (end < 0) {
        throw error("unterminated `name`");
      }
      String name = text.substring(pos + 1, end);
      pos = end + 1;
      return name(name);
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < text.length() && isNamePart(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      return switch (word.toLowerCase(Locale.ROOT)) {
        case "true" -> resolver -> Boolean.TRUE;
        case "false" -> resolver -> Boolean.FALSE;
        case "null" -> resolver -> null;
        case "and", "or", "not", "in", "matches" -> {
          pos = start;
          throw error("expected a value or a name, found the keyword '" + word + "'");
        }
        default -> name(word);
      };
    }
    throw error("expected a value or a name, found '" + c + "'");
  }

  private Node name(String name) {
    names.add(name);
    return resolver -> resolver.apply(name);
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c)
        || c == '_'
        || c == '.'
        || c == '/'
        || c == '-'
        || c == '@'
        || c == ':';
  }

  private Double number() {
    int start = pos;
    if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
      pos++;
    }
    while (pos < text.length()
        && (Character.isDigit(text.charAt(pos))
            || text.charAt(pos) == '.'
            || text.charAt(pos) == '_')) {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
        pos++;
      }
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = mark;
      }
    }
    double value;
    try {
      value = Double.parseDouble(text.substring(start, pos).replace("_", ""));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("invalid number '" + text.substring(start, Math.max(start + 1, pos)) + "'");
    }
    int unitStart = pos;
    while (pos < text.length()
        && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '%')) {
      pos++;
    }
    if (pos > unitStart) {
      String unit = text.substring(unitStart, pos);
      Double factor = UNITS.get(unit.toLowerCase(Locale.ROOT));
      if (factor == null) {
        pos = unitStart;
        throw error("unknown unit '" + unit + "' (use KB, MB, GB, TB, KiB, MiB, GiB, TiB or %)");
      }
      value *= factor;
    }
    return value;
  }

  private String string(String what) {
    skipSpace();
    if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
      throw error("expected " + what);
    }
    char quote = text.charAt(pos);
    int start = pos;
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        value.append(text.charAt(pos++));
      } else if (c == quote) {
        return value.toString();
      } else {
        value.append(c);
      }
    }
    pos = start;
    throw error("unterminated string");
  }

  private PathMatcher glob(String pattern) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    } catch (RuntimeException e) {
      throw error("invalid glob '" + pattern + "': " + e.getMessage());
    }
  }

  private boolean keyword(String word) {
    skipSpace();
    int end = pos + word.length();
    if (end <= text.length()
        && text.regionMatches(true, pos, word, 0, word.length())
        && (end == text.length() || !isNamePart(text.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private boolean peekIs(String s) {
    skipSpace();
    return text.startsWith(s, pos);
  }

  private boolean symbol(String s) {
    skipSpace();
    if (text.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expect(String s) {
    if (!symbol(s)) {
      throw error("expected '" + s + "'");
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private ExpressionException error(String problem) {
    return new ExpressionException(text, Math.min(pos, text.length()), problem);
  }
}
