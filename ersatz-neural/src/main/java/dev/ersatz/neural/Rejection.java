package dev.ersatz.neural;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Conditional sampling for what a neural model cannot condition on exactly: draw candidate rows
 * from the model (already conditioned on what it can), keep those that satisfy every remaining
 * condition. The search is bounded: at most {@value #CANDIDATES_PER_ROW} candidates per requested row
 * (and at least {@value #MIN_CANDIDATES} in all). When the bound is reached before enough rows are
 * found, sampling fails with an {@link InputException} that names the conditions and the acceptance
 * rate — it never returns fewer rows. The rows kept are exact draws from the model's conditional
 * distribution (rejection sampling is exact, only its cost is uncertain).
 */
final class Rejection {
    static final int CANDIDATES_PER_ROW = 1000;
    static final int MIN_CANDIDATES = 100_000;
    static final int MAX_PROPOSAL = 65_536;

    private Rejection() {}

    /** The sentence {@code conditioningMethod} uses for conditions met by rejection. */
    static String describe(List<ModelCondition> conditions) {
        List<String> texts = new ArrayList<>();
        for (ModelCondition c : conditions) texts.add(c.text());
        return "by rejection (" + String.join(", ", texts) + "; at most " + CANDIDATES_PER_ROW + " candidates per row, else an error)";
    }

    /**
     * {@code rows} rows from {@code propose.apply(n, rng)} (n candidate rows) that satisfy every one of
     * {@code checks}; {@code model} names the synthesizer in errors.
     */
    static Table sample(BiFunction<Integer, SplittableRandom, Table> propose, List<ModelCondition> checks, int rows,
                        SplittableRandom rng, String model) {
        if (checks.isEmpty()) return propose.apply(rows, rng);
        long budget = Math.max(MIN_CANDIDATES, (long) rows * CANDIDATES_PER_ROW);
        List<Table> kept = new ArrayList<>();
        int have = 0;
        long tried = 0;
        while (have < rows) {
            if (tried >= budget) throw failed(checks, have, tried, rows, model);
            // Propose what the observed acceptance says is needed, within the budget.
            double rate = tried == 0 ? 1 : Math.max((double) have / tried, 1.0 / CANDIDATES_PER_ROW);
            long want = (long) Math.ceil((rows - have) / rate * 1.1) + 16;
            int n = (int) Math.min(Math.min(want, MAX_PROPOSAL), budget - tried);
            Table cand = propose.apply(n, rng);
            tried += n;
            int[] idx = new int[cand.rowCount()];
            int m = 0;
            for (int i = 0; i < cand.rowCount() && have + m < rows; i++) {
                boolean ok = true;
                for (ModelCondition c : checks) if (!ModelTables.accepts(cand, c, i)) { ok = false; break; }
                if (ok) idx[m++] = i;
            }
            if (m > 0) {
                kept.add(cand.select(java.util.Arrays.copyOf(idx, m)));
                have += m;
            }
        }
        return ModelTables.concat(kept, rows);
    }

    private static InputException failed(List<ModelCondition> checks, int have, long tried, int rows, String model) {
        List<String> texts = new ArrayList<>();
        for (ModelCondition c : checks) texts.add(c.text());
        String joined = String.join(" and ", texts);
        return new InputException("--where", -1, null, joined, String.format(java.util.Locale.ROOT,
                "the %s model produced %,d matching rows in %,d candidates (%.4f%%), short of the %,d asked for; "
                        + "it rarely generates such rows: widen the condition, or use the copula synthesizer, which conditions exactly",
                model, have, tried, 100.0 * have / Math.max(1, tried), rows));
    }
}
