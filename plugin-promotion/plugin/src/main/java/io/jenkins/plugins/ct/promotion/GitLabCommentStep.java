package io.jenkins.plugins.ct.promotion;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.promote.StickyComment;
import io.ctsuite.promotion.report.MarkdownReport;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitlabComment(connection: 'gitlab', project: 'ml/models', mr: env.gitlabMergeRequestIid,
 * report: true)}: the sticky note on a merge request, one per job (and gate name), edited on every
 * re-run instead of piling up comments.
 */
public class GitLabCommentStep extends Step implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String connection;
  private final String project;
  private final String mr;
  private String body;
  private boolean report;
  private String gate;
  private String key;

  /**
   * @param mr the merge request's number (iid), e.g. {@code env.gitlabMergeRequestIid} or "!12"
   */
  @DataBoundConstructor
  public GitLabCommentStep(String connection, String project, String mr) {
    this.connection = Util.fixEmptyAndTrim(connection);
    this.project = Util.fixEmptyAndTrim(project);
    this.mr = Util.fixEmptyAndTrim(mr);
  }

  public String getConnection() {
    return connection;
  }

  public String getProject() {
    return project;
  }

  public String getMr() {
    return mr;
  }

  public String getBody() {
    return body;
  }

  /** Markdown to post; with {@code report: true} it comes before the gate report. */
  @DataBoundSetter
  public void setBody(String body) {
    this.body = Util.fixEmptyAndTrim(body);
  }

  public boolean isReport() {
    return report;
  }

  /** Post this build's gate report. */
  @DataBoundSetter
  public void setReport(boolean report) {
    this.report = report;
  }

  public String getGate() {
    return gate;
  }

  /** The gate whose report is posted; without it, the build's last gate. */
  @DataBoundSetter
  public void setGate(String gate) {
    this.gate = Util.fixEmptyAndTrim(gate);
  }

  public String getKey() {
    return key;
  }

  /** Tells sticky notes on one merge request apart; default: the job's name (and gate name). */
  @DataBoundSetter
  public void setKey(String key) {
    this.key = Util.fixEmptyAndTrim(key);
  }

  /** The merge request number from "12", "!12" or " 12 ". */
  static long iid(String mr) throws AbortException {
    String text = mr == null ? "" : mr.strip();
    if (text.startsWith("!")) {
      text = text.substring(1);
    }
    try {
      long iid = Long.parseLong(text);
      if (iid > 0) {
        return iid;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new AbortException(
        "gitlabComment: mr must be a merge request number such as '12' or '!12', not '"
            + (mr == null ? "" : mr)
            + "'");
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** Builds the note from the build's gate, then posts or edits it from the controller. */
  static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final String STEP = "gitlabComment";
    private final transient GitLabCommentStep step;

    Execution(StepContext context, GitLabCommentStep step) {
      super(context);
      this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      Run<?, ?> run = getContext().get(Run.class);
      PrintStream log = getContext().get(TaskListener.class).getLogger();
      if (step.connection == null || step.project == null) {
        throw new AbortException(STEP + ": give connection: and project:");
      }
      long iid = iid(step.mr);
      if (!step.report && step.body == null) {
        throw new AbortException(STEP + ": give body: (Markdown) or report: true");
      }
      PromotionAction action = run.getAction(PromotionAction.class);
      GateRecord gateRecord = action == null ? null : action.latestGate(step.gate);
      StringBuilder text = new StringBuilder();
      if (step.body != null) {
        text.append(step.body).append("\n\n");
      }
      BuildFacts facts = BuildFacts.of(run, getContext().get(EnvVars.class));
      String buildUrl = BuildFacts.buildUrl(run, facts);
      String reportUrl = buildUrl == null ? null : buildUrl + PromotionAction.URL + "/";
      if (step.report) {
        GateResult result = gateRecord == null ? null : gateRecord.result();
        if (result == null) {
          throw new AbortException(
              STEP
                  + ": report: true needs a regression gate in this build"
                  + (step.gate == null ? "" : " named '" + step.gate + "'")
                  + "; run regressionGate first");
        }
        text.append(MarkdownReport.render(result));
        if (reportUrl != null) {
          text.append("\n[Build ")
              .append(run.getFullDisplayName())
              .append("](")
              .append(reportUrl)
              .append(")\n");
        }
      }
      String noteKey =
          step.key != null
              ? step.key
              : run.getParent().getFullName()
                  + (gateRecord != null && gateRecord.getName() != null && step.report
                      ? "/" + gateRecord.getName()
                      : "");
      StickyComment.Result result = post(run, iid, noteKey, text.toString().strip(), reportUrl);
      log.println(
          "Report comment on "
              + step.project
              + " !"
              + iid
              + ": "
              + result.status()
              + (result.truncated() ? " (cut to GitLab's size limit)" : ""));
      PromotionAction.of(run)
          .addComment(
              new CommentRecord(
                  step.connection,
                  step.project,
                  iid,
                  noteKey,
                  result.status().name(),
                  result.noteId(),
                  result.truncated(),
                  step.report && gateRecord != null ? gateRecord.getId() : null));
      Map<String, Object> answer = new LinkedHashMap<>(PipelineValues.plainMap(result.toMap()));
      answer.put("mr", iid);
      answer.put("key", noteKey);
      return answer;
    }

    private StickyComment.Result post(
        Run<?, ?> run, long iid, String noteKey, String text, String reportUrl) throws Exception {
      CtPromotionConfiguration config = CtPromotionConfiguration.get();
      GitLabConnection gitlab = config == null ? null : config.connection(step.connection);
      if (gitlab == null) {
        throw new AbortException(STEP + ": " + Connections.unknown(step.connection));
      }
      String token = null;
      try {
        token = gitlab.token(run);
        String secret = token;
        return GitLabAccess.withPluginClassLoader(
            () -> {
              try (MergeRequestGateway gateway = gitlab.open(secret)) {
                return new StickyComment(gateway).post(step.project, iid, noteKey, text, reportUrl);
              }
            });
      } catch (RuntimeException e) {
        throw GitLabAccess.abort(STEP, e, token);
      }
    }
  }

  @Extension
  @Symbol("gitlabComment")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "gitlabComment";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Post or update the sticky gate report on a GitLab merge request";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, EnvVars.class);
    }

    public hudson.util.ListBoxModel doFillConnectionItems() {
      return Connections.items();
    }
  }
}
