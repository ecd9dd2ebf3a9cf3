package io.ctsuite.tracking.capture;

import io.ctsuite.tracking.run.MetricPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything a parser reports, for assertions. */
public class RecordingSink implements CaptureSink {
  public final List<MetricPoint> metrics = new ArrayList<>();
  public final Map<String, Object> params = new LinkedHashMap<>();
  public final Map<String, String> tags = new LinkedHashMap<>();
  public final List<String> artifacts = new ArrayList<>();
  public final List<CaptureProblem> problems = new ArrayList<>();

  @Override
  public void metric(MetricPoint point) {
    metrics.add(point);
  }

  @Override
  public void param(String key, Object value) {
    params.put(key, value);
  }

  @Override
  public void tag(String key, String value) {
    tags.put(key, value);
  }

  @Override
  public void artifact(String path, String role) {
    artifacts.add(role == null ? path : path + " (" + role + ")");
  }

  @Override
  public void problem(CaptureProblem problem) {
    problems.add(problem);
  }

  public List<String> problemTexts() {
    return problems.stream().map(CaptureProblem::toString).toList();
  }
}
