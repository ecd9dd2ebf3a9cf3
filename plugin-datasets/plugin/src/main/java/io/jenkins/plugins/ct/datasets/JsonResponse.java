package io.jenkins.plugins.ct.datasets;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.PrintWriter;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** A JSON document for a page's charts, sent as is. */
final class JsonResponse implements HttpResponse {
  private final String json;

  JsonResponse(String json) {
    this.json = json;
  }

  @Override
  public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
      throws IOException, ServletException {
    rsp.setContentType("application/json;charset=UTF-8");
    rsp.setHeader("Cache-Control", "no-cache, no-store");
    PrintWriter w = rsp.getWriter();
    w.write(json);
    w.flush();
  }
}
