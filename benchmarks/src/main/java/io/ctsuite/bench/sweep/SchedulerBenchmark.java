package io.ctsuite.bench.sweep;

import io.ctsuite.tracking.sweep.schedule.SchedulerSpec;
import io.ctsuite.tracking.sweep.sim.CurveFamilies;
import io.ctsuite.tracking.sweep.sim.SweepSimulator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What deciding costs: one simulated sweep of {@code trials} trials of up to 81 epochs on 32
 * workers, with every report judged by the scheduler. FIFO (no decisions) is the baseline run in
 * the same JMH invocation; bench/sweep.sh prints the time per report of each and the ratios.
 *
 * <p>The sweep's compute differs between schedulers (that is their point), so the figure to compare
 * is the time per report: the script divides by the reports each sweep makes, which {@link #main}
 * prints.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SchedulerBenchmark {
  @Param({"fifo", "asha", "median"})
  public String scheduler;

  @Param({"1000"})
  public int trials;

  private SweepSimulator simulator;
  private SchedulerSpec spec;

  @Setup
  public void setUp() {
    simulator = new SweepSimulator(CurveFamilies.named("power-law"), trials, 32, 81, 1);
    spec = spec(scheduler);
  }

  static SchedulerSpec spec(String scheduler) {
    return switch (scheduler) {
      case "asha" -> new SchedulerSpec("asha", "epoch", 81, 1, 3, 3);
      case "median" -> new SchedulerSpec("median", "epoch", 81, 1, 3, 3);
      default -> SchedulerSpec.fifo(81);
    };
  }

  @Benchmark
  public long sweep() {
    return simulator.run(spec).compute();
  }

  /** The number of reports (epochs) a sweep makes under a scheduler: prints "name reports". */
  public static void main(String[] args) {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    SweepSimulator simulator =
        new SweepSimulator(CurveFamilies.named("power-law"), trials, 32, 81, 1);
    for (String name : new String[] {"fifo", "asha", "median"}) {
      System.out.println(name + " " + simulator.run(spec(name)).compute());
    }
  }
}
