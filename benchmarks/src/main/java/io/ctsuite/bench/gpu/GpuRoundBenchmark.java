package io.ctsuite.bench.gpu;

import io.ctsuite.gpu.GpuRound;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.cluster.ClusterSnapshot;
import io.ctsuite.gpu.cluster.PodView;
import io.ctsuite.gpu.policy.QueuedRequest;
import io.ctsuite.gpu.reaper.JenkinsAgents;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision round of the GPU controller (inventory, scheduling of the queue, reaping) over a
 * simulated cluster of 500 nodes / 4,000 GPUs / 10,000 pods / 1,000 queued builds. The goal is
 * under 100 ms per round, since the controller runs one every few seconds.
 *
 * <ul>
 *   <li>{@code round}: the round on the model's views of the cluster;
 *   <li>{@code roundFromApiObjects}: the same, converting the Kubernetes objects to views first
 *       (the worst case: a controller that converts everything every round);
 *   <li>{@code baselineScan}: the floor any round pays, one pass over every pod and queued build
 *       summing GPUs per node, with no decision; bench/gpu.sh prints the rounds against it.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GpuRoundBenchmark {
  private SimulatedCluster cluster;
  private ClusterSnapshot snapshot;
  private JenkinsAgents jenkins;
  private GpuRound round;

  @Setup
  public void setUp() {
    cluster = new SimulatedCluster(500, 8, 10_000, 1_000, 42);
    snapshot = cluster.snapshot();
    jenkins = cluster.jenkins();
    round =
        new GpuRound(
            new GpuSettings(cluster.options, null, null, cluster.policy, null, null, null));
  }

  @Benchmark
  public GpuRound.Result round() {
    return round.decide(snapshot, cluster.queue, cluster.running, jenkins, false);
  }

  @Benchmark
  public GpuRound.Result roundFromApiObjects() {
    return round.decide(cluster.snapshot(), cluster.queue, cluster.running, jenkins, false);
  }

  @Benchmark
  public long baselineScan() {
    Map<String, Long> perNode = new HashMap<>();
    for (PodView pod : snapshot.pods()) {
      if (pod.nodeName() != null) {
        perNode.merge(pod.nodeName(), (long) pod.gpus().size(), Long::sum);
      }
    }
    long queued = 0;
    for (QueuedRequest request : cluster.queue) {
      queued += request.gpus();
    }
    return perNode.size() + queued;
  }

  /**
   * Prints what one round decides on the simulated cluster, to show it is a real workload; with
   * {@code cpu} instead the CPU time per round of each benchmark, which, unlike wall time, holds on
   * a machine shared with other work.
   */
  public static void main(String[] args) {
    GpuRoundBenchmark benchmark = new GpuRoundBenchmark();
    benchmark.setUp();
    if (args.length > 0 && args[0].equals("cpu")) {
      int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
      printCpuTimes(benchmark, rounds);
      return;
    }
    GpuRound.Result result = benchmark.round();
    long gpus = result.inventory().totalsByType().values().stream().mapToLong(t -> t[0]).sum();
    System.out.println("nodes " + result.inventory().nodes().size());
    System.out.println("gpus " + gpus);
    System.out.println("pods " + benchmark.snapshot.pods().size());
    System.out.println("events " + benchmark.snapshot.events().size());
    System.out.println("queued " + benchmark.cluster.queue.size());
    System.out.println("pending_pods " + result.inventory().pending().size());
    System.out.println("starts " + result.schedule().start().size());
    System.out.println("waits " + result.schedule().waiting().size());
    System.out.println("agent_pods " + result.reap().decisions().size());
    System.out.println("deletions " + result.reap().deletions().size());
  }

  private static void printCpuTimes(GpuRoundBenchmark benchmark, int rounds) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.Map<String, Runnable> work = new java.util.LinkedHashMap<>();
    work.put("baselineScan", benchmark::baselineScan);
    work.put("round", benchmark::round);
    work.put("roundFromApiObjects", benchmark::roundFromApiObjects);
    for (var entry : work.entrySet()) {
      for (int i = 0; i < rounds; i++) {
        entry.getValue().run(); // warm up the JIT
      }
      long[] cpu = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        long start = threads.getCurrentThreadCpuTime();
        entry.getValue().run();
        cpu[i] = threads.getCurrentThreadCpuTime() - start;
      }
      java.util.Arrays.sort(cpu);
      System.out.printf(
          java.util.Locale.ROOT,
          "%s %.3f %.3f%n",
          entry.getKey(),
          cpu[rounds / 2] / 1e6,
          cpu[rounds * 9 / 10] / 1e6);
    }
  }
}
