package io.stagegate.bench;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Writeback;
import io.stagegate.playbook.PlaybookLoader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The engine's throughput per core measured in the benchmark thread's own CPU time rather than wall time, so that a
 * shared machine does not turn other jobs' load into a lower score. JMH's figure ({@link EngineBenchmark}) is
 * operations per wall-clock second: on a machine where the benchmark thread gets a tenth of a core it reports a tenth
 * of the engine's speed. Here the work between two readings of {@link ThreadMXBean#getCurrentThreadCpuTime()} is
 * divided by the CPU time the thread was actually given, which is what "evaluations per second per core" means.
 *
 * <p>Same book, playbook and clock as {@link EngineBenchmark}. Warm-up is counted in CPU seconds too, so a starved JIT
 * gets the same amount of profile before measuring. What this cannot remove: caches and branch predictors shared with
 * other processes are colder on a busy machine, so a busy-machine figure is a lower bound. Usage (arguments optional):
 * {@code mvn -B -q -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.stagegate.bench.EngineCpuBench
 * -Dbench.args="--warmup-cpu-s 20 --measure-cpu-s 5 --rounds 5"}
 */
public final class EngineCpuBench {
    private static final int CHUNK = 20_000;

    private EngineCpuBench() {
    }

    public static void main(String[] args) {
        double warmupCpuSeconds = option(args, "--warmup-cpu-s", 20);
        double measureCpuSeconds = option(args, "--measure-cpu-s", 5);
        int rounds = (int) option(args, "--rounds", 5);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time");
        }
        Playbook playbook = PlaybookLoader.fromClasspath(EngineBenchmark.PLAYBOOK);
        Evaluator evaluator = new Evaluator(playbook, Clock.fixed(EngineBenchmark.NOW, ZoneOffset.UTC));
        LocalDate today = evaluator.today();
        Opportunity[] typed = SampleOpportunities.typed(EngineBenchmark.BOOK_SIZE, EngineBenchmark.SEED, today);
        Opportunity[] strings = SampleOpportunities.asStrings(typed);
        int mask = EngineBenchmark.BOOK_SIZE - 1;

        List<Workload> workloads = List.of(
                new Workload("evaluate", i -> weight(evaluator.evaluate(typed[i & mask], today))),
                new Workload("evaluateWithStringFields", i -> weight(evaluator.evaluate(strings[i & mask], today))),
                new Workload("writeback", i -> Writeback.values(playbook, evaluator.evaluate(typed[i & mask], today)).size()
                        + weight(null)));

        System.out.printf("engine CPU benchmark: book %d, warm-up %.0f CPU-s, %d rounds of %.0f CPU-s each, load average at start %s%n",
                EngineBenchmark.BOOK_SIZE, warmupCpuSeconds, rounds, measureCpuSeconds, loadAverage());
        long sink = 0;
        for (Workload workload : workloads) {
            sink += run(threads, workload, warmupCpuSeconds).sink;
            double[] perCpuSecond = new double[rounds];
            double[] cpuShare = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                Sample sample = run(threads, workload, measureCpuSeconds);
                sink += sample.sink;
                perCpuSecond[r] = sample.operations / (sample.cpuNanos / 1e9);
                cpuShare[r] = sample.cpuNanos / (double) sample.wallNanos;
            }
            double[] sorted = perCpuSecond.clone();
            Arrays.sort(sorted);
            System.out.printf("%-26s median %,12.0f evaluations per CPU-second (min %,.0f, max %,.0f); the thread had %.0f–%.0f %% of a core; load average %s%n",
                    workload.name, sorted[rounds / 2], sorted[0], sorted[rounds - 1],
                    100 * Arrays.stream(cpuShare).min().orElse(0), 100 * Arrays.stream(cpuShare).max().orElse(0), loadAverage());
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static Sample run(ThreadMXBean threads, Workload workload, double cpuSeconds) {
        long cpuBudget = (long) (cpuSeconds * 1e9);
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long operations = 0;
        long sink = 0;
        int cursor = 0;
        while (threads.getCurrentThreadCpuTime() - cpuStart < cpuBudget) {
            for (int i = 0; i < CHUNK; i++) {
                sink += workload.operation.applyAsInt(cursor++);
            }
            operations += CHUNK;
        }
        return new Sample(operations, threads.getCurrentThreadCpuTime() - cpuStart, System.nanoTime() - wallStart, sink);
    }

    /** Something of every evaluation the JIT cannot prove unused. */
    private static int weight(Evaluation evaluation) {
        return evaluation == null ? 1 : evaluation.verdicts().size() + (evaluation.overStaged() ? 1 : 0);
    }

    private static double option(String[] args, String name, double fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Double.parseDouble(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs a number, got '" + args[i + 1] + "'", e);
                }
            }
        }
        return fallback;
    }

    private static String loadAverage() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private record Workload(String name, IntUnaryOperator operation) {
    }

    private record Sample(long operations, long cpuNanos, long wallNanos, long sink) {
    }
}
