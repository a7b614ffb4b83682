package dev.ersatz.sim.fraud;

import java.util.Arrays;

/**
 * A case's script: the transactions a typology (or a benign look-alike) will make, each at a planned
 * time, with an amount rule evaluated when the transaction is applied.
 *
 * <p>Amount rules: a fixed amount; a fixed amount capped at a fraction of the origin's balance; a
 * fraction of the origin's balance; or a fraction of what earlier hops of the plan actually moved
 * (so a mule passes on what it really received, less its cut). Rules are evaluated in the commit phase,
 * on the ledger as it stands at that moment, which is why the plan, not the agent, holds them. A hop
 * whose inputs all failed (declined, or beyond the end of the run) is skipped.
 */
final class Plan {
    static final byte FIXED = 0, CAPPED = 1, BALANCE = 2, FROM = 3;
    private static final int[] NO_DEPS = new int[0];

    final Pattern pattern;
    final int caseId;
    int size;
    long[] time = new long[8];
    byte[] type = new byte[8];
    int[] from = new int[8], to = new int[8];
    byte[] rule = new byte[8];
    long[] cents = new long[8];
    double[] fraction = new double[8];
    int[][] deps = new int[8][];
    byte[] round = new byte[8];
    long[] actual = new long[8];

    Plan(Pattern pattern, int caseId) {
        this.pattern = pattern;
        this.caseId = caseId;
    }

    /** Adds a hop and returns its index. {@code round}: 0 keep, 1 round to a 0, 2 round to a 0 or 5. */
    int add(long at, TxType t, int origin, int destination, byte amountRule, long fixedCents, double f, int[] inputs, int roundMode) {
        if (size == time.length) grow();
        int i = size++;
        time[i] = at;
        type[i] = (byte) t.ordinal();
        from[i] = origin;
        to[i] = destination;
        rule[i] = amountRule;
        cents[i] = fixedCents;
        fraction[i] = f;
        deps[i] = inputs == null ? NO_DEPS : inputs;
        round[i] = (byte) roundMode;
        actual[i] = -1;
        return i;
    }

    int fixed(long at, TxType t, int origin, int destination, long c, int roundMode) {
        return add(at, t, origin, destination, FIXED, c, 0, null, roundMode);
    }

    int from(long at, TxType t, int origin, int destination, double f, int roundMode, int... inputs) {
        return add(at, t, origin, destination, FROM, 0, f, inputs, roundMode);
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        type = Arrays.copyOf(type, n);
        from = Arrays.copyOf(from, n);
        to = Arrays.copyOf(to, n);
        rule = Arrays.copyOf(rule, n);
        cents = Arrays.copyOf(cents, n);
        fraction = Arrays.copyOf(fraction, n);
        deps = Arrays.copyOf(deps, n);
        round = Arrays.copyOf(round, n);
        actual = Arrays.copyOf(actual, n);
    }

    /** The latest time of the given hops (the earliest a hop depending on them may run, before adding a delay). */
    long after(int... hops) {
        long t = 0;
        for (int h : hops) t = Math.max(t, time[h]);
        return t;
    }

    /** Hop indices in time order (ties in the order added). */
    int[] order() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> a.equals(b) ? 0 : time[a] != time[b] ? Long.compare(time[a], time[b]) : Integer.compare(a, b));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) out[i] = idx[i];
        return out;
    }

    /** The amount of {@code hop} now, in cents (0 = skip it). */
    long amount(int hop, TxWorld w) {
        long c;
        switch (rule[hop]) {
            case FIXED -> c = cents[hop];
            case CAPPED -> c = Math.min(cents[hop], (long) Math.floor(fraction[hop] * Math.max(0, w.balance[from[hop]])));
            case BALANCE -> c = (long) Math.floor(fraction[hop] * Math.max(0, w.balance[from[hop]]));
            default -> {
                long in = 0;
                for (int d : deps[hop]) if (actual[d] > 0) in += actual[d];
                c = (long) Math.floor(fraction[hop] * in);
            }
        }
        if (c > 0 && round[hop] != 0) c = TxWorld.roundNice(c, round[hop] == 2);
        return c;
    }

    void record(int hop, long c) {
        actual[hop] = c;
    }
}
