package io.ctsuite.cli.demo;

import java.io.PrintWriter;

/** How the demo talks: numbered steps, then indented lines a newcomer can follow. */
public final class DemoConsole {
  private static final String INDENT = "    ";

  private final PrintWriter out;
  private final int steps;

  public DemoConsole(PrintWriter out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  public void title(String text) {
    out.println(text);
    out.println("=".repeat(Math.min(text.length(), 100)));
    out.flush();
  }

  public void step(int number, String title) {
    out.println();
    out.println("[" + number + "/" + steps + "] " + title);
    out.flush();
  }

  /** A line of the current step. */
  public void say(String text) {
    out.println(INDENT + text);
    out.flush();
  }

  /** A line under the previous one (program output, table rows). */
  public void detail(String text) {
    out.println(INDENT + "  " + text);
    out.flush();
  }

  /** The `ct` command that does the same outside the demo. */
  public void command(String text) {
    out.println(INDENT + "$ " + text);
    out.flush();
  }

  public void blank() {
    out.println();
    out.flush();
  }

  public PrintWriter writer() {
    return out;
  }
}
