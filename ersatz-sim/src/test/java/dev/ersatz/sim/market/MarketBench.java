package dev.ersatz.sim.market;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * The fit and simulation timings of {@code MARKET_BENCHMARKS.md}, in one JVM: a benchmark program,
 * not a test (unit tests never assert on time).
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q -pl ersatz-sim test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/sim.cp
 * java -XX:+UseParallelGC -Dersatz.datasets=../shared/datasets \
 *   -cp ersatz-sim/target/test-classes:ersatz-sim/target/classes:$(cat /tmp/sim.cp) dev.ersatz.sim.market.MarketBench
 * </pre>
 * Each figure is the best of three after a warm-up run. "CPU" is the calling thread's CPU time with
 * one worker thread, which other processes on a shared machine barely disturb; "wall" uses two
 * threads and is what a user waits for on a quiet two-core machine.
 */
public final class MarketBench {
    private MarketBench() {}

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private interface Work {
        void run();
    }

    /** {best CPU seconds, best wall seconds} of three runs after one warm-up. */
    private static double[] time(Work w) {
        w.run();
        double cpu = Double.MAX_VALUE, wall = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long c0 = MX.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            w.run();
            cpu = Math.min(cpu, (MX.getCurrentThreadCpuTime() - c0) / 1e9);
            wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
        }
        return new double[] {cpu, wall};
    }

    public static void main(String[] args) {
        PriceSeries eu = TestData.eu();
        PriceSeries dax = PriceSeries.of("DAX", eu.prices()[0]);
        // 5,000 returns: one path of a GJR-t fitted to the DAX
        MarketModel source = MarketFitter.fit(dax, MarketOptions.of(ModelKind.GJR_T), 7, "dax");
        Paths one = source.simulate(1, 5000, null, 11, Scenario.NONE, 1);
        double[] p5000 = new double[5001];
        for (int t = 0; t <= 5000; t++) p5000[t] = one.price(0, 0, t);
        PriceSeries long5000 = PriceSeries.of("DAX", p5000);
        System.out.println("fit, 5,000 daily returns (one thread):");
        for (ModelKind k : List.of(ModelKind.GJR_T, ModelKind.GJR_NORMAL, ModelKind.GJR_FHS, ModelKind.GJR_SKEWT,
                ModelKind.GARCH_T, ModelKind.EGARCH, ModelKind.MERTON, ModelKind.HESTON)) {
            double[] t = time(() -> MarketFitter.fit(long5000, MarketOptions.of(k), 7, "bench"));
            System.out.printf(Locale.ROOT, "  %-12s %.3f s CPU, %.3f s wall%n", k.label(), t[0], t[1]);
        }
        System.out.println("simulate 10,000 paths x 252 days:");
        for (ModelKind k : List.of(ModelKind.GJR_FHS, ModelKind.GJR_T)) {
            MarketModel m = MarketFitter.fit(dax, MarketOptions.of(k), 7, "bench");
            double[] c = time(() -> m.simulate(10_000, 252, null, 7, Scenario.NONE, 1));
            double[] w = time(() -> m.simulate(10_000, 252, null, 7, Scenario.NONE, 2));
            System.out.printf(Locale.ROOT, "  DAX %-10s %.3f s CPU (1 thread), %.3f s wall (2 threads)%n", k.label(), c[0], w[1]);
        }
        for (ModelKind k : List.of(ModelKind.BOOTSTRAP, ModelKind.GBM, ModelKind.GJR_FHS, ModelKind.MERTON, ModelKind.GARCH_T,
                ModelKind.GJR_T, ModelKind.GJR_SKEWT, ModelKind.EGARCH, ModelKind.HESTON)) {
            MarketModel m = MarketFitter.fit(eu, MarketOptions.of(k), 7, "bench");
            double[] c = time(() -> m.simulate(10_000, 252, null, 7, Scenario.NONE, 1));
            double[] w = time(() -> m.simulate(10_000, 252, null, 7, Scenario.NONE, 2));
            System.out.printf(Locale.ROOT, "  4 indices %-10s %.3f s CPU (1 thread), %.3f s wall (2 threads)%n", k.label(), c[0], w[1]);
        }
    }
}
