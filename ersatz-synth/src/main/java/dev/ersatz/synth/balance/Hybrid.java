package dev.ersatz.synth.balance;

import dev.ersatz.core.InputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Hybrid training sets: a chosen share of real rows mixed with synthetic ones ({@code --real-fraction}).
 *
 * <p>Of {@code rows} output rows, round(rows × fraction) are real, drawn without replacement from the
 * input (a seeded partial Fisher–Yates shuffle, kept in input order), and the rest are synthetic.
 * Asking for more real rows than the input has is an error naming both numbers, never a silently
 * smaller share.
 */
public final class Hybrid {
    private Hybrid() {}

    /** Which real rows to keep (ascending) and how many synthetic rows to add. */
    public record Plan(int[] realRows, long syntheticRows) {}

    /** The plan for {@code rows} output rows, {@code fraction} of them real, from {@code available} input rows. */
    public static Plan plan(int available, long rows, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new InputException("--real-fraction", -1, null, String.valueOf(fraction), "must be between 0 and 1 (the share of real rows in the output)");
        }
        if (rows < 0) throw new InputException("--rows", -1, null, Long.toString(rows), "the number of rows must not be negative");
        long real = Math.round(rows * fraction);
        if (real > available) {
            throw new InputException("--real-fraction", -1, null, String.valueOf(fraction), String.format(Locale.ROOT,
                    "%,d rows × %s asks for %,d real rows but the input has %,d: lower --real-fraction or --rows", rows, fraction, real, available));
        }
        int k = (int) real;
        int[] idx = new int[available];
        for (int i = 0; i < available; i++) idx[i] = i;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5851F42D4C957F2DL);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(available - i);
            int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, k);
        Arrays.sort(chosen);
        return new Plan(chosen, rows - real);
    }
}
