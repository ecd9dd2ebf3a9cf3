package io.ctsuite.tracking.sweep.sim;

import io.ctsuite.tracking.sweep.sample.Sampler;
import io.ctsuite.tracking.sweep.sample.SamplerKind;
import io.ctsuite.tracking.sweep.schedule.AshaPromotions;
import io.ctsuite.tracking.sweep.schedule.Decision;
import io.ctsuite.tracking.sweep.schedule.Mode;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.schedule.SchedulerSpec;
import io.ctsuite.tracking.sweep.schedule.TrialScheduler;
import java.util.Arrays;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Runs a sweep over simulated learning curves on a number of workers, in simulated time, and counts
 * compute in epochs. Everything is a function of the seed: trial {@code i} has the same parameters,
 * curve, epoch duration and evaluation noise whichever scheduler runs it, so two schedulers are
 * compared on exactly the same trials.
 *
 * <p>Epochs of different trials take different (simulated) times, so trials reach rungs in a
 * realistic interleaved order, which matters to an asynchronous scheduler.
 */
public final class SweepSimulator {
  static final Objective OBJECTIVE = new Objective("val/acc", Mode.MAX);

  private final CurveFamily family;
  private final int trials;
  private final int workers;
  private final int maxT;
  private final long seed;
  private final LearningCurve[] curves;
  private final double[] epochSeconds;
  private final Map<String, Object>[] params;

  /**
   * @param trials how many trials
   * @param workers how many run at once
   * @param maxT epochs of a full trial
   * @param seed what every random choice derives from
   */
  @SuppressWarnings("unchecked")
  public SweepSimulator(CurveFamily family, int trials, int workers, int maxT, long seed) {
    this.family = family;
    this.trials = trials;
    this.workers = workers;
    this.maxT = maxT;
    this.seed = seed;
    Sampler sampler = new Sampler(family.space(), SamplerKind.RANDOM, seed);
    this.curves = new LearningCurve[trials];
    this.epochSeconds = new double[trials];
    this.params = new Map[trials];
    for (int i = 0; i < trials; i++) {
      params[i] = sampler.sample(i);
      SplittableRandom random = new SplittableRandom(mix(seed, i, -1));
      curves[i] = family.curve(params[i], random.split());
      epochSeconds[i] = 0.5 + random.nextDouble();
    }
  }

  /** The evaluation of trial {@code i} (from 0) after {@code epoch}: its curve plus noise. */
  public double observe(int i, int epoch) {
    double noise = new SplittableRandom(mix(seed, i, epoch)).nextGaussian();
    return curves[i].mean(epoch) + family.noise() * noise;
  }

  /** The noise-free value of trial {@code i} after {@code epoch}. */
  public double mean(int i, int epoch) {
    return curves[i].mean(epoch);
  }

  public Map<String, Object> params(int i) {
    return params[i];
  }

  public int trials() {
    return trials;
  }

  public int maxT() {
    return maxT;
  }

  /** Runs every trial under {@code scheduler} and says what each used and reached. */
  public Outcome run(SchedulerSpec scheduler) {
    TrialScheduler decider = scheduler.create(OBJECTIVE);
    int[] epochs = new int[trials];
    boolean[] completed = new boolean[trials];
    String[] verdicts = new String[trials];
    PriorityQueue<double[]> events =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    int nextTrial = 0;
    for (int w = 0; w < workers && nextTrial < trials; w++, nextTrial++) {
      events.add(new double[] {epochSeconds[nextTrial], nextTrial});
    }
    long compute = 0;
    while (!events.isEmpty()) {
      double[] event = events.poll();
      double now = event[0];
      int i = (int) event[1];
      int epoch = ++epochs[i];
      compute++;
      Decision decision = decider.onReport(i + 1, epoch, observe(i, epoch));
      boolean ends = decision.stops() || epoch >= maxT;
      if (!ends) {
        events.add(new double[] {now + epochSeconds[i], i});
        continue;
      }
      completed[i] = epoch >= maxT;
      verdicts[i] = decision.reason();
      if (nextTrial < trials) {
        events.add(new double[] {now + epochSeconds[nextTrial], nextTrial});
        nextTrial++;
      }
    }
    return new Outcome(compute, epochs, completed, verdicts);
  }

  /**
   * Runs the trials under ASHA's promotion form: a trial pauses at each rung and resumes (from a
   * checkpoint, without repeating epochs) when it is promoted.
   */
  public Outcome runPromotions(double gracePeriod, int reductionFactor) {
    return new PromotionRun(new AshaPromotions(OBJECTIVE, maxT, gracePeriod, reductionFactor))
        .run();
  }

  /** One run of the promotion form: free workers take promotions first, then new trials. */
  private final class PromotionRun {
    private final AshaPromotions asha;
    private final int[] epochs = new int[trials];
    private final boolean[] completed = new boolean[trials];
    private final PriorityQueue<double[]> events =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    private int started;
    private long compute;
    private int free = workers;

    PromotionRun(AshaPromotions asha) {
      this.asha = asha;
    }

    Outcome run() {
      startJobs(0);
      while (!events.isEmpty()) {
        double[] event = events.poll();
        int i = (int) event[1];
        int level = (int) event[2];
        free++;
        if (level == asha.topLevel()) {
          completed[i] = true;
        } else {
          asha.record(i + 1, level, observe(i, epochs[i]));
        }
        startJobs(event[0]);
      }
      String[] verdicts = new String[trials];
      for (int i = 0; i < trials; i++) {
        if (!completed[i]) {
          verdicts[i] = asha.explainUnpromoted(i + 1, "epoch");
        }
      }
      return new Outcome(compute, epochs, completed, verdicts);
    }

    private void startJobs(double now) {
      while (free > 0) {
        AshaPromotions.Job job = asha.promotion().orElse(null);
        if (job == null) {
          if (started == trials) {
            return;
          }
          job = new AshaPromotions.Job(++started, 0, asha.budgets()[0]);
        }
        int i = job.trial() - 1;
        int target = (int) Math.ceil(job.budget());
        int extra = target - epochs[i];
        epochs[i] = target;
        compute += extra;
        free--;
        events.add(new double[] {now + extra * epochSeconds[i], i, job.level()});
      }
    }
  }

  /**
   * What a scheduler did with the trials.
   *
   * @param compute epochs run, all trials together
   * @param epochs epochs each trial ran
   * @param completed whether each trial ran to max_t
   * @param verdicts the scheduler's explanation of how each trial ended, null if none
   */
  public record Outcome(long compute, int[] epochs, boolean[] completed, String[] verdicts) {
    /** The trial (from 0) with the best final evaluation among those that completed; -1 if none. */
    public int best(SweepSimulator simulator) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < completed.length; i++) {
        if (completed[i]) {
          double value = simulator.observe(i, simulator.maxT());
          if (best < 0 || OBJECTIVE.better(value, bestValue)) {
            best = i;
            bestValue = value;
          }
        }
      }
      return best;
    }

    public int completedCount() {
      int count = 0;
      for (boolean done : completed) {
        count += done ? 1 : 0;
      }
      return count;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Outcome o
          && compute == o.compute
          && Arrays.equals(epochs, o.epochs)
          && Arrays.equals(completed, o.completed)
          && Arrays.equals(verdicts, o.verdicts);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(compute) * 31 + Arrays.hashCode(epochs);
    }

    @Override
    public String toString() {
      return "Outcome[compute=" + compute + ", completed=" + completedCount() + "]";
    }
  }

  private static long mix(long seed, long trial, long epoch) {
    long z = seed * 0x9E3779B97F4A7C15L + trial * 0xBF58476D1CE4E5B9L + epoch * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
