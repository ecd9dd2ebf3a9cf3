package io.ctsuite.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small line chart as SVG text, for the demo report: no library, opens in any browser. */
public final class SvgLineChart {
  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"
  };
  private static final int LEFT = 56;
  private static final int RIGHT = 150;
  private static final int TOP = 34;
  private static final int BOTTOM = 40;

  private final String title;
  private final String xLabel;
  private final List<Series> series = new ArrayList<>();
  private double[] yRange;

  private record Series(String name, double[] x, double[] y) {}

  public SvgLineChart(String title, String xLabel) {
    this.title = title;
    this.xLabel = xLabel;
  }

  /** A fixed value axis (e.g. 0 to 100 for percentages), widened if a value falls outside. */
  public SvgLineChart yRange(double min, double max) {
    this.yRange = new double[] {min, max};
    return this;
  }

  /** Adds a line; points with a non-finite value are left out. */
  public SvgLineChart add(String name, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(name + ": " + x.length + " x values, " + y.length + " y");
    }
    series.add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  public String render(int width, int height) {
    double[] xr = range(true);
    double[] yr = range(false);
    if (yRange != null) {
      yr = new double[] {Math.min(yr[0], yRange[0]), Math.max(yr[1], yRange[1])};
    }
    double[] xTicks = ticks(xr[0], xr[1]);
    double[] yTicks = ticks(yr[0], yr[1]);
    xr = new double[] {Math.min(xr[0], xTicks[0]), Math.max(xr[1], xTicks[xTicks.length - 1])};
    yr = new double[] {Math.min(yr[0], yTicks[0]), Math.max(yr[1], yTicks[yTicks.length - 1])};
    int plotW = width - LEFT - RIGHT;
    int plotH = height - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
            LEFT,
            escape(title)));
    for (double tick : yTicks) {
      double y = TOP + plotH - (tick - yr[0]) / (yr[1] - yr[0]) * plotH;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%s</text>%n",
              LEFT,
              y,
              LEFT + plotW,
              y,
              LEFT - 6,
              y + 4,
              label(tick)));
    }
    for (double tick : xTicks) {
      double x = LEFT + (tick - xr[0]) / (xr[1] - xr[0]) * plotW;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
              x,
              TOP + plotH + 16,
              label(tick)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%s</text>%n",
            LEFT,
            TOP,
            plotW,
            plotH,
            LEFT + plotW / 2,
            height - 8,
            escape(xLabel)));
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String colour = COLOURS[s % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < line.x.length; i++) {
        if (Double.isFinite(line.x[i]) && Double.isFinite(line.y[i])) {
          double x = LEFT + (line.x[i] - xr[0]) / (xr[1] - xr[0]) * plotW;
          double y = TOP + plotH - (line.y[i] - yr[0]) / (yr[1] - yr[0]) * plotH;
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
              colour,
              points.toString().strip()));
      int legendY = TOP + 12 + s * 18;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>%n",
              LEFT + plotW + 10,
              legendY - 4,
              LEFT + plotW + 26,
              legendY - 4,
              colour,
              LEFT + plotW + 30,
              legendY,
              escape(line.name)));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private double[] range(boolean xAxis) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series line : series) {
      for (double v : xAxis ? line.x : line.y) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    if (min == max) {
      return new double[] {min - 0.5, max + 0.5};
    }
    return new double[] {min, max};
  }

  /** About five round tick values covering [min, max]. */
  static double[] ticks(double min, double max) {
    double raw = (max - min) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
      step = factor * magnitude;
      if (step >= raw) {
        break;
      }
    }
    double first = Math.floor(min / step) * step;
    int count = (int) Math.ceil((max - first) / step - 1e-9) + 1;
    double[] ticks = new double[count];
    for (int i = 0; i < count; i++) {
      ticks[i] = first + i * step;
    }
    return ticks;
  }

  private static String label(double value) {
    if (Math.abs(value - Math.rint(value)) < 1e-9) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    String text = String.format(Locale.ROOT, "%.3f", value);
    return text.replaceAll("0+$", "");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
