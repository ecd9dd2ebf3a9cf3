package io.jenkins.plugins.ct.datasets;

import hudson.Util;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The job's "Dataset polling log" page ({@code …/datasetPollingLog}), like SCM polling's: the last
 * poll's log, the outcomes of recent polls, what the trigger remembers, and a button to poll now.
 */
public class DatasetPollingAction implements Action {
  private final Job<?, ?> job;
  private final DatasetTrigger trigger;

  DatasetPollingAction(Job<?, ?> job, DatasetTrigger trigger) {
    this.job = job;
    this.trigger = trigger;
  }

  public Job<?, ?> getOwner() {
    return job;
  }

  public DatasetTrigger getTrigger() {
    return trigger;
  }

  @Override
  public String getIconFileName() {
    return "symbol-document-text";
  }

  @Override
  public String getDisplayName() {
    return "Dataset polling log";
  }

  @Override
  public String getUrlName() {
    return "datasetPollingLog";
  }

  /** The last poll's log, or null before the first poll. */
  public String getLog() throws IOException {
    job.checkPermission(Item.READ);
    File file = new File(job.getRootDir(), DatasetTrigger.LOG_FILE);
    return file.isFile() ? Util.loadFile(file, StandardCharsets.UTF_8) : null;
  }

  /** Recent polls, newest first. */
  public List<String> getHistory() throws IOException {
    job.checkPermission(Item.READ);
    File file = new File(job.getRootDir(), DatasetTrigger.HISTORY_FILE);
    if (!file.isFile()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file.toPath(), StandardCharsets.UTF_8));
    lines.removeIf(String::isBlank);
    Collections.reverse(lines);
    return lines;
  }

  /** What the trigger remembers per dataset: the version the last triggered build consumed. */
  public Map<String, TriggerMemory.Entry> getMemory() {
    job.checkPermission(Item.READ);
    return TriggerMemory.of(job).all();
  }

  public boolean isCanPoll() {
    return job.hasPermission(Item.BUILD);
  }

  /**
   * Polls now: in the background (back to this page), or with {@code wait=true} on this request,
   * answering the poll's log as text.
   */
  @POST
  public HttpResponse doPollNow(@QueryParameter boolean wait) throws IOException {
    job.checkPermission(Item.BUILD);
    if (!wait) {
      trigger.run();
      return HttpResponses.redirectToDot();
    }
    trigger.poll();
    String log = getLog();
    return HttpResponses.text(log == null ? "" : log);
  }
}
