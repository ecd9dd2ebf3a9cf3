package io.ctsuite.promotion.report;

import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.GateResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart of candidate against baseline: one panel per check (its own scale, since accuracy and
 * latency do not share one), one pair of bars for the whole test set and each slice. Drawn with
 * JFreeChart, headless, as PNG or SVG; the same result gives the same bytes.
 */
public final class GateChart {
  static final int WIDTH = 900;
  private static final int PANEL_BASE = 90;
  private static final int PANEL_PER_ROW = 34;
  private static final Color CANDIDATE = new Color(0x1F, 0x77, 0xB4);
  private static final Color BASELINE = new Color(0xA0, 0xA0, 0xA0);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private GateChart() {}

  /** Writes the chart to a .png or .svg file, chosen by the file's extension. */
  public static void write(GateResult result, Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".svg")) {
      AtomicFiles.write(file, svg(result).getBytes(StandardCharsets.UTF_8));
    } else if (name.endsWith(".png")) {
      AtomicFiles.write(file, png(result));
    } else {
      throw new InputException(file + ": the chart must be a .png or .svg file");
    }
  }

  public static byte[] png(GateResult result) {
    headless();
    List<JFreeChart> panels = panels(result);
    int height = height(panels);
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      draw(g, panels);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String svg(GateResult result) {
    headless();
    List<JFreeChart> panels = panels(result);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height(panels));
    g.setDefsKeyPrefix("ct-gate-"); // the default prefix holds the clock, which would vary
    draw(g, panels);
    return g.getSVGDocument();
  }

  private static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static int height(List<JFreeChart> panels) {
    int height = 0;
    for (JFreeChart panel : panels) {
      height += panelHeight(panel);
    }
    return Math.max(height, PANEL_BASE);
  }

  private static int panelHeight(JFreeChart panel) {
    int rows = ((CategoryPlot) panel.getPlot()).getDataset().getColumnCount();
    return PANEL_BASE + PANEL_PER_ROW * rows;
  }

  private static void draw(Graphics2D g, List<JFreeChart> panels) {
    double y = 0;
    for (JFreeChart panel : panels) {
      int height = panelHeight(panel);
      panel.draw(g, new Rectangle2D.Double(0, y, WIDTH, height));
      y += height;
    }
  }

  private static List<JFreeChart> panels(GateResult result) {
    Map<String, List<CheckResult>> byCheck = new LinkedHashMap<>();
    for (CheckResult check : result.checks()) {
      byCheck.computeIfAbsent(check.name(), k -> new ArrayList<>()).add(check);
    }
    List<JFreeChart> panels = new ArrayList<>();
    for (Map.Entry<String, List<CheckResult>> entry : byCheck.entrySet()) {
      panels.add(panel(entry.getKey(), entry.getValue()));
    }
    return panels;
  }

  private static JFreeChart panel(String name, List<CheckResult> rows) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (CheckResult row : rows) {
      String category =
          (row.slice() == null ? "overall" : row.slice()) + "  " + row.outcome().name();
      dataset.addValue(finite(row.candidate()), "candidate", category);
      dataset.addValue(finite(row.baseline()), "baseline", category);
    }
    CheckResult overall = rows.get(0);
    CategoryAxis categories = new CategoryAxis();
    categories.setTickLabelFont(LABEL);
    NumberAxis values =
        new NumberAxis(overall.metric() + " (" + overall.better().word() + " is better)");
    values.setLabelFont(LABEL);
    values.setTickLabelFont(LABEL);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setItemMargin(0.05);
    bars.setSeriesPaint(0, CANDIDATE);
    bars.setSeriesPaint(1, BASELINE);
    CategoryPlot plot = new CategoryPlot(dataset, categories, values, bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
    chart.setTitle(new TextTitle(name + ": " + overall.outcome().name(), TITLE));
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    return chart;
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }
}
