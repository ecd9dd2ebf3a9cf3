package io.jenkins.plugins.ct.promotion;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.PrintWriter;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** A document built by the model (JSON for charts, the reports), sent as is. */
final class TextResponse implements HttpResponse {
  private final String contentType;
  private final String text;

  private TextResponse(String contentType, String text) {
    this.contentType = contentType;
    this.text = text;
  }

  static TextResponse json(String json) {
    return new TextResponse("application/json;charset=UTF-8", json);
  }

  /** Plain text, so that a browser shows a report's Markdown instead of rendering anything. */
  static TextResponse plain(String text) {
    return new TextResponse("text/plain;charset=UTF-8", text);
  }

  @Override
  public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
      throws IOException, ServletException {
    rsp.setContentType(contentType);
    rsp.setHeader("Cache-Control", "no-cache");
    rsp.setHeader("X-Content-Type-Options", "nosniff");
    PrintWriter w = rsp.getWriter();
    w.write(text);
    w.flush();
  }
}
