package dev.ersatz.eval;

import dev.ersatz.eval.EvalData.Feature;
import dev.ersatz.eval.EvalData.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The distance-based privacy metrics, over the {@link Gower} distance of SDMetrics, with every ordered
 * column scaled by its range in the training table (SDMetrics scales each reference table by its own
 * ranges; with a holdout of wider ranges that makes synthetic rows look closer to the holdout):
 *
 * <ul>
 *   <li><b>Identical-match share</b> (IMS): the share of synthetic rows equal, on every compared column,
 *       to some training row ({@code ims_train}) or to some holdout row ({@code ims_holdout}). Range
 *       [0, 1], lower is better; the yardstick is the share of holdout rows equal to a training row,
 *       which fresh real data reaches by coincidence.</li>
 *   <li><b>DCR share</b>: the share of synthetic rows closer to the training table than to the holdout,
 *       {@code mean_s( [DCR_train(s) < DCR_holdout(s)] + ½ [DCR_train(s) = DCR_holdout(s)] )}, DCR being
 *       the distance to the closest row. Ties count half, so that data drawn afresh from the same
 *       population scores 0.5 in expectation even when many distances tie (SDMetrics'
 *       DCROverfittingProtection counts ties as closer to the holdout). With a holdout of another size
 *       than the training table, a fresh row is closer to the training table with probability
 *       {@code q = n_train / (n_train + n_holdout)}; the reported share is then put on the equal-size scale
 *       by dividing its odds by {@code q / (1 − q)}, so 0.5 keeps meaning "no memorisation". Range [0, 1],
 *       ideal 0.5; 1 means every synthetic row sits on a training row.</li>
 *   <li><b>NNDR</b>: the nearest-neighbour distance ratio {@code DCR₁ / DCR₂} of each synthetic row to its
 *       two closest training rows (1 when both are 0); the median is reported beside the holdout's.
 *       Range [0, 1]; values near 0 mean a synthetic row singles out one training row.</li>
 *   <li><b>DCR baseline protection</b> (SDMetrics): {@code min(1, median DCR_train(synthetic) / median
 *       DCR_train(random))}, where the random rows draw each column uniformly from the real range or the
 *       real categories (keeping its missing rate). Range [0, 1], higher is better: 1 means synthetic
 *       rows are as far from the training rows as random ones.</li>
 * </ul>
 * The holdout-to-training distances (the yardstick) use a seeded sample of at most {@value #SAMPLE}
 * holdout rows, the random baseline {@value #RANDOM_ROWS} rows; the synthetic rows are all measured.
 */
final class Distances {
    /** Holdout rows measured for the yardstick distances. */
    static final int SAMPLE = 5_000;
    /** Random rows of the baseline (a median of 2,000 draws is within a few percent of the population's). */
    static final int RANDOM_ROWS = 2_000;
    /** Bins of the distance histograms in the report. */
    static final int HISTOGRAM_BINS = 40;

    private Distances() {}

    /**
     * @param dcrShareRaw       the share before the size adjustment
     * @param histogramMax      the upper end of the histograms' range (their lower end is 0)
     * @param syntheticHist     counts of synthetic rows' DCR to the training table per bin
     * @param holdoutHist       the same for the holdout sample's rows
     */
    record Result(double imsTrain, double imsHoldout, double imsHoldoutToTrain,
                  long copiesOfTraining, long holdoutCopiesOfTraining, int holdoutMeasured,
                  double dcrShare, double dcrShareRaw, double dcrTies, double medianDcrSynthetic, double medianDcrHoldout,
                  double medianNndrSynthetic, double medianNndrHoldout,
                  double baselineProtection, double medianDcrRandom,
                  double histogramMax, long[] syntheticHist, long[] holdoutHist) {}

    static Result run(EvalData data, long seed, Parallel parallel) {
        int[] all = Stats.range(data.features.size());
        SplittableRandom rng = new SplittableRandom(Stats.seed(seed, "distances"));
        boolean holdout = data.hasHoldout();

        // Identical matches, by hashing whole rows of parsed values.
        RowSet trainSet = new RowSet(data, Role.REAL);
        long copies = trainSet.count(data, Role.SYNTHETIC);
        double imsTrain = share(copies, data.rows(Role.SYNTHETIC));
        double imsHoldout = Double.NaN, imsHoldoutToTrain = Double.NaN;
        long holdCopies = -1;
        if (holdout) {
            imsHoldout = share(new RowSet(data, Role.HOLDOUT).count(data, Role.SYNTHETIC), data.rows(Role.SYNTHETIC));
            holdCopies = trainSet.count(data, Role.HOLDOUT);
            imsHoldoutToTrain = share(holdCopies, data.rows(Role.HOLDOUT));
        }

        Gower.Rows train = Gower.Rows.of(data, all, Role.REAL, null);
        // One scale for every distance: the training table's ranges. (SDMetrics scales each reference table by
        // its own ranges, which biases the DCR share towards whichever table has the wider ranges.)
        double[] ranges = Gower.ranges(train);
        Gower trainIndex = new Gower(train, ranges);
        Gower.Rows syn = Gower.Rows.of(data, all, Role.SYNTHETIC, null);
        Gower.Nearest toTrain = trainIndex.nearest(syn, parallel);

        double dcrShare = Double.NaN, dcrRaw = Double.NaN, ties = Double.NaN, medHold = Double.NaN, nndrHold = Double.NaN;
        Gower.Nearest holdToTrain = null;
        int holdMeasured = 0;
        if (holdout) {
            Gower.Rows hold = Gower.Rows.of(data, all, Role.HOLDOUT, null);
            Gower.Nearest toHold = new Gower(hold, ranges).nearest(syn, parallel);
            double closer = 0;
            long tie = 0;
            for (int i = 0; i < syn.n; i++) {
                double a = toTrain.d1()[i], b = toHold.d1()[i];
                if (a < b) closer += 1;
                else if (a == b) {
                    closer += 0.5;
                    tie++;
                }
            }
            dcrRaw = closer / syn.n;
            ties = (double) tie / syn.n;
            dcrShare = equalSizeShare(dcrRaw, data.rows(Role.REAL), data.rows(Role.HOLDOUT));
            int[] sample = Stats.sample(data.rows(Role.HOLDOUT), SAMPLE, rng.split());
            holdMeasured = sample.length;
            holdToTrain = trainIndex.nearest(Gower.Rows.of(data, all, Role.HOLDOUT, sample), parallel);
            medHold = Stats.median(holdToTrain.d1());
            nndrHold = Stats.median(nndr(holdToTrain));
        }
        double medSyn = Stats.median(toTrain.d1());

        // The random baseline of SDMetrics' DCRBaselineProtection.
        Gower.Rows random = randomRows(data, all, Math.min(RANDOM_ROWS, Math.max(1, data.rows(Role.SYNTHETIC))), rng.split());
        double medRandom = Stats.median(trainIndex.nearest(random, parallel).d1());
        double protection = medRandom == 0 || Double.isNaN(medRandom) ? Double.NaN : Math.min(1, medSyn / medRandom);

        double max = 0;
        for (double d : toTrain.d1()) max = Math.max(max, d);
        if (holdToTrain != null) for (double d : holdToTrain.d1()) max = Math.max(max, d);
        max = max == 0 ? 1 : max;
        return new Result(imsTrain, imsHoldout, imsHoldoutToTrain, copies, holdCopies, holdMeasured,
                dcrShare, dcrRaw, ties, medSyn, medHold, Stats.median(nndr(toTrain)), nndrHold, protection, medRandom,
                max, histogram(toTrain.d1(), max), holdToTrain == null ? null : histogram(holdToTrain.d1(), max));
    }

    /**
     * A share measured against a training table of {@code nTrain} rows and a holdout of {@code nHoldout}
     * rows, put on the equal-size scale: its odds divided by {@code nTrain / nHoldout}, the odds a fresh row
     * has of being closer to the training table. The identity when the sizes are equal.
     */
    static double equalSizeShare(double share, int nTrain, int nHoldout) {
        if (nTrain == nHoldout || share <= 0 || share >= 1) return share;
        double odds = share / (1 - share) / ((double) nTrain / nHoldout);
        return odds / (1 + odds);
    }

    private static double share(long k, int n) {
        return n == 0 ? Double.NaN : (double) k / n;
    }

    static double[] nndr(Gower.Nearest nn) {
        double[] r = new double[nn.d1().length];
        for (int i = 0; i < r.length; i++) {
            double a = nn.d1()[i], b = nn.d2()[i];
            r[i] = b == 0 || Double.isInfinite(b) ? 1 : a / b;
        }
        return r;
    }

    private static long[] histogram(double[] v, double max) {
        long[] h = new long[HISTOGRAM_BINS];
        for (double d : v) h[Math.min(HISTOGRAM_BINS - 1, (int) (d / max * HISTOGRAM_BINS))]++;
        return h;
    }

    /**
     * SDMetrics' random baseline rows: each column independently, integers uniform over the real
     * [min, max], other numbers and datetimes uniform over it, categories uniform over the real labels;
     * then a cell is made missing with the real column's missing rate.
     */
    static Gower.Rows randomRows(EvalData data, int[] features, int n, SplittableRandom rng) {
        double[][] num = new double[features.length][];
        int[][] cat = new int[features.length][];
        int[] levels = new int[features.length];
        for (int k = 0; k < features.length; k++) {
            Feature f = data.features.get(features[k]);
            SplittableRandom r = rng.split();
            if (f.numeric) {
                double[] real = f.values[Role.REAL.ordinal()];
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                int missing = 0;
                for (double x : real) {
                    if (Double.isNaN(x)) {
                        missing++;
                        continue;
                    }
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                double rate = real.length == 0 ? 0 : (double) missing / real.length;
                boolean integer = f.spec.kind() == dev.ersatz.core.ColumnKind.INTEGER;
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    double x;
                    if (lo > hi) x = Double.NaN;
                    else if (integer) x = lo + r.nextLong((long) (hi - lo) + 1);
                    else x = hi > lo ? lo + r.nextDouble() * (hi - lo) : lo;
                    v[i] = r.nextDouble() < rate ? Double.NaN : x;
                }
                num[k] = v;
            } else {
                int[] real = f.codes[Role.REAL.ordinal()];
                boolean[] seen = new boolean[f.realLevels];
                int missing = 0;
                for (int c : real) {
                    if (c < 0) missing++;
                    else seen[c] = true;
                }
                int[] labels = new int[f.realLevels];
                int m = 0;
                for (int c = 0; c < seen.length; c++) if (seen[c]) labels[m++] = c;
                double rate = real.length == 0 ? 0 : (double) missing / real.length;
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    int c = m == 0 ? -1 : labels[r.nextInt(m)];
                    v[i] = r.nextDouble() < rate ? -1 : c;
                }
                cat[k] = v;
                levels[k] = f.levels.size();
            }
        }
        return new Gower.Rows(num, cat, n, levels);
    }

    /** The distinct rows of a table (over the compared columns), for exact-match lookups. */
    static final class RowSet {
        private final Map<Long, List<Integer>> buckets = new HashMap<>();
        private final Role role;

        RowSet(EvalData data, Role role) {
            this.role = role;
            for (int i = 0; i < data.rows(role); i++) buckets.computeIfAbsent(hash(data, role, i), k -> new ArrayList<>(1)).add(i);
        }

        /** How many rows of {@code other} equal some row of this set. */
        long count(EvalData data, Role other) {
            long k = 0;
            for (int i = 0; i < data.rows(other); i++) if (contains(data, other, i)) k++;
            return k;
        }

        boolean contains(EvalData data, Role other, int row) {
            List<Integer> b = buckets.get(hash(data, other, row));
            if (b == null) return false;
            for (int j : b) if (equal(data, other, row, role, j)) return true;
            return false;
        }
    }

    /** A 64-bit hash of a row's parsed values (missing values hash alike). */
    static long hash(EvalData data, Role role, int row) {
        long h = 0x9E3779B97F4A7C15L;
        for (Feature f : data.features) {
            long v;
            if (f.numeric) {
                double x = f.values[role.ordinal()][row];
                v = Double.isNaN(x) ? 0x7ff8000000000000L : Double.doubleToLongBits(x == 0 ? 0.0 : x);
            } else {
                v = f.codes[role.ordinal()][row];
            }
            h = (h ^ v) * 0xbf58476d1ce4e5b9L;
            h ^= h >>> 31;
        }
        return h;
    }

    static boolean equal(EvalData data, Role ra, int a, Role rb, int b) {
        for (Feature f : data.features) {
            if (f.numeric) {
                double x = f.values[ra.ordinal()][a], y = f.values[rb.ordinal()][b];
                if (!(x == y || (Double.isNaN(x) && Double.isNaN(y)))) return false;
            } else if (f.codes[ra.ordinal()][a] != f.codes[rb.ordinal()][b]) {
                return false;
            }
        }
        return true;
    }

    /** The distinct rows of a table, first occurrences in order (Anonymeter de-duplicates before singling out). */
    static int[] distinctRows(EvalData data, Role role) {
        Map<Long, List<Integer>> seen = new HashMap<>();
        int[] out = new int[data.rows(role)];
        int n = 0;
        for (int i = 0; i < data.rows(role); i++) {
            List<Integer> b = seen.computeIfAbsent(hash(data, role, i), k -> new ArrayList<>(1));
            boolean dup = false;
            for (int j : b) if (equal(data, role, i, role, j)) { dup = true; break; }
            if (dup) continue;
            b.add(i);
            out[n++] = i;
        }
        return Arrays.copyOf(out, n);
    }
}
