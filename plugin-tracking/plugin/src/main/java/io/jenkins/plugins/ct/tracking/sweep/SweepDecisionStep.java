package io.jenkins.plugins.ct.tracking.sweep;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.SweepController;
import io.ctsuite.tracking.sweep.SweepResult;
import io.ctsuite.tracking.sweep.SweepSpec;
import io.ctsuite.tracking.sweep.Trial;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code sweepDecision(action: …)}: the decisions of a hyperparameter sweep, for the shared
 * library's {@code hyperparameterSweep} (each trial itself runs in a {@link SweepTrialStep} block).
 * Every decision is the sweep model's; the state lives in the build directory.
 *
 * <ul>
 *   <li>{@code start} + {@code name} (optional; default: the job's name and the build number) +
 *       {@code settings} (the map of sweep settings: space, trials, parallel, metric, mode,
 *       scheduler, time_attr, max_t, grace_period, reduction_factor, min_samples, sampler, seed):
 *       checks every setting and returns {@code [id, parallel, description]}; the sweep appears on
 *       the build page.
 *   <li>{@code next} + {@code sweep}: the next trial, {@code [number, params]}, or {@code null}
 *       when every trial has been handed out.
 *   <li>{@code finish} + {@code sweep}: {@code [best, leaderboard, compute, summary]}; fails when
 *       no trial reported the metric.
 * </ul>
 */
public final class SweepDecisionStep extends Step {
  static final Set<String> ACTIONS = Set.of("start", "next", "finish");

  private final String action;
  private String name;
  private String sweep;
  private Map<String, Object> settings;

  @DataBoundConstructor
  public SweepDecisionStep(String action) {
    this.action = Util.fixEmptyAndTrim(action);
  }

  public String getAction() {
    return action;
  }

  public String getName() {
    return name;
  }

  /** The sweep's name ({@code start}); without it the job's name and the build number. */
  @DataBoundSetter
  public void setName(String name) {
    this.name = Util.fixEmptyAndTrim(name);
  }

  public String getSweep() {
    return sweep;
  }

  /** The sweep's id as {@code start} returned it ({@code next}, {@code finish}). */
  @DataBoundSetter
  public void setSweep(String sweep) {
    this.sweep = Util.fixEmptyAndTrim(sweep);
  }

  /** The sweep's settings ({@code start}), as the Jenkinsfile wrote them. */
  @CheckForNull
  public Map<String, Object> getSettings() {
    return settings == null ? null : new LinkedHashMap<>(settings);
  }

  void settings(Map<String, Object> settings) {
    this.settings = settings == null ? null : new LinkedHashMap<>(settings);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** Quick decisions: a few milliseconds of the model and one small file written. */
  private static final class Execution extends SynchronousNonBlockingStepExecution<Object> {
    private static final long serialVersionUID = 1L;

    private final String action;
    private final String name;
    private final String sweep;
    private final LinkedHashMap<String, Object> settings;

    Execution(StepContext context, SweepDecisionStep step) {
      super(context);
      this.action = step.action;
      this.name = step.name;
      this.sweep = step.sweep;
      this.settings = step.settings == null ? null : new LinkedHashMap<>(step.settings);
    }

    @Override
    protected Object run() throws Exception {
      Run<?, ?> run = getContext().get(Run.class);
      if (action == null || !ACTIONS.contains(action)) {
        throw new AbortException(
            "sweepDecision: action must be start, next or finish"
                + (action == null ? "" : ", got '" + action + "'")
                + "; a trial runs in a sweepTrial(sweep: id, trial: n) { … } block.");
      }
      return switch (action) {
        case "start" -> start(run);
        case "next" -> next(run);
        default -> finish(run);
      };
    }

    private Map<String, Object> start(Run<?, ?> run) throws Exception {
      if (settings == null) {
        throw new AbortException(
            "sweepDecision(action: 'start') needs settings: [space: …, metric: …, …]");
      }
      String sweepName = name != null ? name : defaultName(run);
      SweepSpec spec;
      try {
        spec = SweepSpec.fromMap(sweepName, settings);
      } catch (InputException e) {
        throw new AbortException("Sweep settings: " + e.getMessage());
      }
      LiveSweep live = LiveSweep.start(run, spec);
      SweepController controller = live.controller();
      String description =
          controller.schedulerDescription()
              + "; "
              + spec.trials()
              + " trials, "
              + spec.parallel()
              + " at a time; "
              + spec.mode()
              + " "
              + spec.metric();
      synchronized (run) {
        run.addAction(new SweepAction(spec.name(), description));
        run.save();
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("id", spec.name());
      result.put("parallel", spec.parallel());
      result.put("trials", spec.trials());
      result.put("description", description);
      return result;
    }

    private Map<String, Object> next(Run<?, ?> run) throws Exception {
      LiveSweep live = LiveSweep.of(run, requireSweep());
      Optional<Trial> next = live.controller().next();
      if (next.isEmpty()) {
        return null;
      }
      live.save();
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("number", next.get().number());
      result.put("params", new LinkedHashMap<>(next.get().params()));
      return result;
    }

    private Map<String, Object> finish(Run<?, ?> run) throws Exception {
      LiveSweep live = LiveSweep.of(run, requireSweep());
      SweepController controller = live.controller();
      for (Trial trial : controller.trials()) {
        if (!trial.status().ended()) {
          controller.fail(trial.number(), "lost: the sweep finished before the trial ended");
        }
      }
      live.save();
      SweepResult result = SweepResult.of(controller.state());
      SweepAction action = SweepAction.of(run, live.name());
      if (action != null) {
        action.finished(result);
      }
      live.forget();
      TaskListener listener = getContext().get(TaskListener.class);
      if (result.best().isEmpty()) {
        throw new AbortException(
            result.summary()
                + " Make the training report it: print ##ct[metric key='"
                + result.spec().metric()
                + "' value='…' step='…'] lines or append JSON lines to $CT_METRICS_FILE.");
      }
      if (action != null) {
        listener
            .getLogger()
            .println(
                "Sweep " + live.name() + " is on the build page: " + action.getUrlName() + "/");
      }
      return result.toMap();
    }

    private String requireSweep() throws AbortException {
      if (sweep == null) {
        throw new AbortException(
            "sweepDecision(action: '" + action + "') needs sweep: the id that 'start' returned.");
      }
      return sweep;
    }
  }

  /** The job's name and the build number, as a sweep name: {@code train-models-42}. */
  static String defaultName(Run<?, ?> run) {
    String job = run.getParent().getName().replaceAll("[^A-Za-z0-9_.\\-]+", "-");
    job = job.replace("..", ".").replaceAll("^[^A-Za-z0-9]+", "");
    if (job.isEmpty()) {
      job = "sweep";
    }
    if (job.length() > 80) {
      job = job.substring(0, 80);
    }
    return job.toLowerCase(Locale.ROOT) + "-" + run.getNumber();
  }

  @Extension
  @Symbol("sweepDecision")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "sweepDecision";
    }

    @Override
    public String getDisplayName() {
      return "Hyperparameter sweep decisions (start, next trial, finish)";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class);
    }

    /** The actions, for the Snippet Generator. */
    public ListBoxModel doFillActionItems() {
      ListBoxModel items = new ListBoxModel();
      items.add("start");
      items.add("next");
      items.add("finish");
      return items;
    }

    /** The settings are a free-form map (a search space): taken as given, checked by the model. */
    @Override
    public Step newInstance(Map<String, Object> arguments) throws Exception {
      Map<String, Object> args = new LinkedHashMap<>(arguments);
      SweepDecisionStep step = new SweepDecisionStep(text(args.remove("action")));
      step.setName(text(args.remove("name")));
      step.setSweep(text(args.remove("sweep")));
      Object settings = args.remove("settings");
      if (settings != null && !(settings instanceof Map)) {
        throw new IllegalArgumentException(
            "sweepDecision: settings must be a map, e.g. [space: [lr: [0.1, 0.01]], metric:"
                + " 'val/acc']");
      }
      Map<String, Object> map = new LinkedHashMap<>();
      if (settings != null) {
        ((Map<?, ?>) settings).forEach((k, v) -> map.put(String.valueOf(k), v));
        step.settings(map);
      }
      if (!args.isEmpty()) {
        throw new IllegalArgumentException(
            "sweepDecision: unknown argument "
                + String.join(", ", args.keySet())
                + "; it takes action, name, sweep and settings");
      }
      return step;
    }

    @Override
    public UninstantiatedDescribable uninstantiate(Step step) {
      SweepDecisionStep s = (SweepDecisionStep) step;
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("action", s.getAction());
      if (s.getName() != null) {
        args.put("name", s.getName());
      }
      if (s.getSweep() != null) {
        args.put("sweep", s.getSweep());
      }
      if (s.getSettings() != null) {
        args.put("settings", s.getSettings());
      }
      return new UninstantiatedDescribable(args);
    }

    private static String text(Object value) {
      return value == null ? null : value.toString();
    }
  }
}
