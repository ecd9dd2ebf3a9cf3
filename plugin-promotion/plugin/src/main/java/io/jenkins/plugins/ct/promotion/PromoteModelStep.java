package io.jenkins.plugins.ct.promotion;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gitlab.DryRunGateway;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.gitlab.PlannedRequest;
import io.ctsuite.promotion.promote.Lineage;
import io.ctsuite.promotion.promote.Promoter;
import io.ctsuite.promotion.promote.PromotionRequest;
import io.ctsuite.promotion.promote.PromotionResult;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code promoteModel(connection: 'gitlab', project: 'ml/deploy', file: 'deploy/models.yaml', key:
 * 'models.phase-recognition')}: only after this build's gate passed (unless {@code requireGate:
 * false}), sets the model's URI, version and lineage at the key in the deployment config on a
 * branch of its own and opens the merge request, or updates the open one. The merge request is
 * recorded on the build and returned.
 */
public class PromoteModelStep extends Step implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.+");

  private final String connection;
  private final String project;
  private final String file;
  private final String key;
  private String modelUri;
  private String version;
  private String sha256;
  private String modelFile;
  private boolean requireGate = true;
  private String gate;
  private String targetBranch;
  private List<String> labels = new ArrayList<>();
  private List<String> assignees = new ArrayList<>();
  private List<String> reviewers = new ArrayList<>();
  private boolean mergeWhenPipelineSucceeds;
  private String datasetVersion;
  private String gitCommit;
  private boolean dryRun;
  private String localFile;

  @DataBoundConstructor
  public PromoteModelStep(String connection, String project, String file, String key) {
    this.connection = Util.fixEmptyAndTrim(connection);
    this.project = Util.fixEmptyAndTrim(project);
    this.file = Util.fixEmptyAndTrim(file);
    this.key = Util.fixEmptyAndTrim(key);
  }

  public String getConnection() {
    return connection;
  }

  public String getProject() {
    return project;
  }

  public String getFile() {
    return file;
  }

  public String getKey() {
    return key;
  }

  public String getModelUri() {
    return modelUri;
  }

  /** Where the model is; without it, CT_MODEL_URI or the model file the build tracked. */
  @DataBoundSetter
  public void setModelUri(String modelUri) {
    this.modelUri = Util.fixEmptyAndTrim(modelUri);
  }

  public String getVersion() {
    return version;
  }

  @DataBoundSetter
  public void setVersion(String version) {
    this.version = Util.fixEmptyAndTrim(version);
  }

  public String getSha256() {
    return sha256;
  }

  @DataBoundSetter
  public void setSha256(String sha256) {
    this.sha256 = Util.fixEmptyAndTrim(sha256);
  }

  public String getModelFile() {
    return modelFile;
  }

  /** A copy of the model in the workspace, hashed on the agent for the SHA-256. */
  @DataBoundSetter
  public void setModelFile(String modelFile) {
    this.modelFile = Util.fixEmptyAndTrim(modelFile);
  }

  public boolean isRequireGate() {
    return requireGate;
  }

  @DataBoundSetter
  public void setRequireGate(boolean requireGate) {
    this.requireGate = requireGate;
  }

  public String getGate() {
    return gate;
  }

  /** The name of the gate that must have passed; without it, the build's last gate. */
  @DataBoundSetter
  public void setGate(String gate) {
    this.gate = Util.fixEmptyAndTrim(gate);
  }

  public String getTargetBranch() {
    return targetBranch;
  }

  @DataBoundSetter
  public void setTargetBranch(String targetBranch) {
    this.targetBranch = Util.fixEmptyAndTrim(targetBranch);
  }

  public List<String> getLabels() {
    return labels;
  }

  @DataBoundSetter
  public void setLabels(List<String> labels) {
    this.labels = texts(labels);
  }

  public List<String> getAssignees() {
    return assignees;
  }

  @DataBoundSetter
  public void setAssignees(List<String> assignees) {
    this.assignees = texts(assignees);
  }

  public List<String> getReviewers() {
    return reviewers;
  }

  @DataBoundSetter
  public void setReviewers(List<String> reviewers) {
    this.reviewers = texts(reviewers);
  }

  public boolean isMergeWhenPipelineSucceeds() {
    return mergeWhenPipelineSucceeds;
  }

  @DataBoundSetter
  public void setMergeWhenPipelineSucceeds(boolean mergeWhenPipelineSucceeds) {
    this.mergeWhenPipelineSucceeds = mergeWhenPipelineSucceeds;
  }

  public String getDatasetVersion() {
    return datasetVersion;
  }

  @DataBoundSetter
  public void setDatasetVersion(String datasetVersion) {
    this.datasetVersion = Util.fixEmptyAndTrim(datasetVersion);
  }

  public String getGitCommit() {
    return gitCommit;
  }

  @DataBoundSetter
  public void setGitCommit(String gitCommit) {
    this.gitCommit = Util.fixEmptyAndTrim(gitCommit);
  }

  public boolean isDryRun() {
    return dryRun;
  }

  /** Send nothing: log the requests a promotion would make, reading the config from localFile. */
  @DataBoundSetter
  public void setDryRun(boolean dryRun) {
    this.dryRun = dryRun;
  }

  public String getLocalFile() {
    return localFile;
  }

  @DataBoundSetter
  public void setLocalFile(String localFile) {
    this.localFile = Util.fixEmptyAndTrim(localFile);
  }

  private static List<String> texts(List<?> values) {
    List<String> texts = new ArrayList<>();
    if (values != null) {
      for (Object value : values) {
        String text = value == null ? null : Util.fixEmptyAndTrim(value.toString());
        if (text != null) {
          texts.add(text);
        }
      }
    }
    return texts;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** Checks the gate, finds the model and its lineage, then talks to GitLab from the controller. */
  static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final String STEP = "promoteModel";
    private final transient PromoteModelStep step;

    Execution(StepContext context, PromoteModelStep step) {
      super(context);
      this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      Run<?, ?> run = getContext().get(Run.class);
      PrintStream log = getContext().get(TaskListener.class).getLogger();
      for (String[] required :
          new String[][] {
            {"connection", step.connection}, {"project", step.project},
            {"file", step.file}, {"key", step.key}
          }) {
        if (required[1] == null && !(step.dryRun && required[0].equals("connection"))) {
          throw new AbortException(STEP + ": give " + required[0] + ":");
        }
      }
      PromotionAction action = PromotionAction.of(run);
      GateRecord gateRecord = action.latestGate(step.gate);
      String refusal = refusal(gateRecord);
      if (refusal != null) {
        action.addPromotion(
            PromotionRecord.builder()
                .target(step.connection, step.project, step.file, step.key)
                .status(PromotionRecord.REFUSED)
                .reason(refusal)
                .gate(gateRecord)
                .dryRun(step.dryRun)
                .build());
        throw new AbortException(
            STEP
                + ": not promoting "
                + step.key
                + ": "
                + refusal
                + " (requireGate: false overrides)");
      }

      EnvVars env = getContext().get(EnvVars.class);
      FilePath workspace = getContext().get(FilePath.class);
      BuildFacts facts = BuildFacts.of(run, env);
      String buildUrl = BuildFacts.buildUrl(run, facts);
      ModelRef model = model(run, facts, workspace, buildUrl);
      GateResult gateResult = gateRecord == null ? null : gateRecord.result();
      Lineage lineage =
          new Lineage(
              buildUrl,
              first(
                  step.datasetVersion,
                  facts.datasetVersion(),
                  gateResult == null ? null : gateResult.datasetVersion()),
              first(step.gitCommit, facts.gitCommit(), null));
      PromotionRequest request;
      try {
        request =
            PromotionRequest.builder()
                .project(step.project)
                .file(step.file)
                .key(step.key)
                .targetBranch(step.targetBranch)
                .uri(model.uri())
                .version(model.version())
                .sha256(model.sha256())
                .lineage(lineage)
                .gate(gateResult)
                .labels(step.labels)
                .assignees(step.assignees)
                .reviewers(step.reviewers)
                .mergeWhenPipelineSucceeds(step.mergeWhenPipelineSucceeds)
                .reportUrl(buildUrl == null ? null : buildUrl + PromotionAction.URL + "/")
                .build();
      } catch (InputException e) {
        throw new AbortException(STEP + ": " + e.getMessage());
      }
      log.println(
          "Promoting "
              + request.keyPath()
              + " = "
              + request.uri()
              + " (version "
              + request.version()
              + ") through "
              + step.project
              + (step.dryRun ? " (dry run: nothing is sent)" : ""));

      PromotionResult result =
          step.dryRun ? dryRun(request, workspace, log) : promote(run, request);
      boolean opened = result.mergeRequestIid() > 0 && !step.dryRun;
      log.println(
          step.dryRun && result.status() != PromotionResult.Status.ALREADY_DEPLOYED
              ? "Dry run: would "
                  + (result.status() == PromotionResult.Status.CREATED ? "open" : "update")
                  + " a merge request from "
                  + result.branch()
                  + " into "
                  + result.targetBranch()
                  + " of "
                  + step.project
                  + "; nothing was sent"
              : result.describe());
      for (String warning : result.warnings()) {
        log.println("Warning: " + warning);
      }
      action.addPromotion(
          PromotionRecord.builder()
              .target(step.connection, step.project, step.file, request.keyPath())
              .model(request.uri(), request.version(), request.sha256())
              .status(result.status().name())
              .mergeRequest(
                  opened ? result.mergeRequestIid() : 0,
                  opened ? result.mergeRequestUrl() : null,
                  opened ? "opened" : null)
              .branches(
                  result.branch(), result.targetBranch(), step.dryRun ? null : result.commitId())
              .warnings(result.warnings())
              .gate(gateRecord)
              .dryRun(step.dryRun)
              .build());
      Map<String, Object> answer = new LinkedHashMap<>(PipelineValues.plainMap(result.toMap()));
      answer.put("key", request.keyPath());
      answer.put("project", step.project);
      answer.put("uri", request.uri());
      answer.put("version", request.version());
      answer.put("sha256", request.sha256());
      answer.put("dryRun", step.dryRun);
      if (step.dryRun) {
        answer.put("mergeRequestIid", 0L);
        answer.put("mergeRequestUrl", null);
        answer.put("commitId", null);
      }
      return answer;
    }

    /** Why the gate does not allow this promotion, or null when it does. */
    @CheckForNull
    private String refusal(@CheckForNull GateRecord gateRecord) {
      if (!step.requireGate) {
        return null;
      }
      if (gateRecord == null) {
        return step.gate == null
            ? "no regression gate ran in this build"
            : "no regression gate named '" + step.gate + "' ran in this build";
      }
      if (!gateRecord.isPassed()) {
        return "the regression gate "
            + (gateRecord.getName() == null ? "" : "'" + gateRecord.getName() + "' ")
            + "said "
            + gateRecord.getVerdict()
            + ": "
            + gateRecord.getSummary();
      }
      return null;
    }

    private record ModelRef(String uri, String version, String sha256) {}

    private ModelRef model(
        Run<?, ?> run, BuildFacts facts, @CheckForNull FilePath workspace, String buildUrl)
        throws Exception {
      String uri = first(step.modelUri, facts.env("CT_MODEL_URI"), null);
      String sha = step.sha256;
      if (uri == null) {
        BuildFacts.TrackedModel tracked = facts.trackedModel();
        if (tracked == null) {
          throw new AbortException(
              STEP
                  + ": which model? Give modelUri, set CT_MODEL_URI, or track the model file with"
                  + " role 'model' (e.g. ##ct[artifact path='out/model.onnx' role='model'])");
        }
        uri = trackedUri(run, tracked, buildUrl);
        sha = first(sha, tracked.sha256(), null);
      }
      if (sha == null && step.modelFile != null) {
        if (workspace == null) {
          throw new AbortException(STEP + ": modelFile needs a workspace (run it inside node)");
        }
        sha = workspace.child(step.modelFile).act(new Sha256Callable());
      }
      String version = first(step.version, facts.env("CT_MODEL_VERSION"), null);
      if (version == null && sha == null) {
        version = "build-" + run.getNumber(); // without a hash, the build names the version
      }
      return new ModelRef(uri, version, sha);
    }

    /** A tracked file is a URI when it is one, or when the build archived it. */
    private static String trackedUri(
        Run<?, ?> run, BuildFacts.TrackedModel tracked, String buildUrl) throws Exception {
      String path = tracked.path();
      if (URI_SCHEME.matcher(path).matches()) {
        return path;
      }
      String relative = path.replace('\\', '/').replaceFirst("^\\./", "");
      if (buildUrl != null && run.getArtifactManager().root().child(relative).isFile()) {
        return buildUrl + "artifact/" + relative;
      }
      throw new AbortException(
          STEP
              + ": the build tracked the model file '"
              + path
              + "' but it has no URI: archive it (archiveArtifacts '"
              + relative
              + "') or give modelUri");
    }

    private PromotionResult promote(Run<?, ?> run, PromotionRequest request) throws Exception {
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
                return new Promoter(gateway).promote(request);
              }
            });
      } catch (RuntimeException e) {
        throw GitLabAccess.abort(STEP, e, token);
      }
    }

    private PromotionResult dryRun(
        PromotionRequest request, @CheckForNull FilePath workspace, PrintStream log)
        throws Exception {
      String local = step.localFile != null ? step.localFile : step.file;
      if (workspace == null || !workspace.child(local).exists()) {
        throw new AbortException(
            STEP
                + ": a dry run reads the deployment config from the workspace, but "
                + local
                + " is not there; give localFile");
      }
      String content = workspace.child(local).readToString();
      CtPromotionConfiguration config = CtPromotionConfiguration.get();
      GitLabConnection gitlab =
          config == null || step.connection == null ? null : config.connection(step.connection);
      DryRunGateway gateway =
          new DryRunGateway(
              gitlab == null ? null : gitlab.getUrl(),
              step.targetBranch != null ? step.targetBranch : "main",
              Map.of(request.file(), content));
      PromotionResult result;
      try {
        result = new Promoter(gateway).promote(request);
      } catch (InputException e) {
        throw new AbortException(STEP + ": " + e.getMessage());
      }
      for (PlannedRequest planned : gateway.requests()) {
        log.println(
            "  "
                + (planned.answeredLocally() ? "would read " : "would send ")
                + planned.method()
                + " /api/v4"
                + planned.path());
      }
      return result;
    }

    private static String first(String a, String b, String c) {
      return a != null ? a : b != null ? b : c;
    }
  }

  @Extension
  @Symbol("promoteModel")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "promoteModel";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Promote a model through a GitLab merge request";
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
