package dev.ersatz.bench;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.TableCodec;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.RowCopies;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;
import dev.ersatz.synth.tree.Features;
import dev.ersatz.synth.tree.Parallel;
import dev.ersatz.synth.tree.TreeGrower;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A quick quality probe for developing synthesizers: fit + sample time, the PEERS accuracy (1 − TVD
 * over 10 quantile bins, univariate and bivariate) beside its holdout ceiling, identical-match
 * shares, DCR share (Gower-style distance, synthetic rows closer to training than to holdout rows),
 * and random-forest proxies for detection AUC and TSTR macro-F1. The evaluator (ersatz-eval) is the
 * reference for published figures; this probe is for fast iteration.
 *
 * <pre>
 * java -cp "ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*" dev.ersatz.bench.QualityProbe \
 *      TRAIN.csv HOLDOUT.csv TARGET cart[:key=value;key=value],copula
 * </pre>
 */
public final class QualityProbe {
    private QualityProbe() {}

    public static void main(String[] args) {
        if (System.getProperty("probe.seeds") != null) {
            accuracyOverSeeds(args);
            return;
        }
        ReadResult train = TableReader.read(args[0]);
        ReadResult hold = TableReader.read(args[1]);
        String target = args[2];
        Metadata meta = MetadataDetector.detect(train.table());
        Table real = train.table(), holdout = hold.table();
        int dcrRows = Integer.getInteger("probe.dcrRows", 2000);
        double ceiling = accuracy(real, holdout, meta);
        double holdIms = RowCopies.score(real, holdout, meta).value();
        System.out.printf("%s: %d train, %d holdout rows; accuracy ceiling %.4f, holdout identical matches %.3f%%, holdout DCR share %.3f%n",
                args[0], real.rowCount(), holdout.rowCount(), ceiling, 100 * holdIms, dcrShare(real, holdout, holdout, meta, dcrRows));
        double trtr = tstr(real, holdout, meta, target);
        System.out.printf("TRTR macro-F1 (forest proxy) %.4f; detection of holdout (forest proxy) %.4f%n", trtr, detection(real, holdout, meta));
        System.out.println("| synthesizer | fit (s) | sample (s) | accuracy | ceiling | detection (RF) | TSTR F1 (RF) | DCR share | identical matches |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String spec : args[3].split(",")) {
            String[] parts = spec.split(":", 2);
            Map<String, String> opts = new LinkedHashMap<>();
            if (parts.length > 1) for (String kv : parts[1].split(";")) { String[] t = kv.split("=", 2); opts.put(t[0], t[1].replace('#', ',')); }
            Synthesizer s = Registry.get(parts[0]).create(opts);
            long t0 = System.nanoTime();
            FittedModel m = FittedModel.fit(real, meta, TextStyle.defaults(real.columnCount()), s, 1, train.source(), Progress.NONE);
            double fit = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            List<Table> parts2 = new ArrayList<>();
            m.sampleTo(parts2::add, holdout.rowCount(), 1, List.of(), false, Runtime.getRuntime().availableProcessors(), Progress.NONE);
            Table syn = m.sample(holdout.rowCount(), 1);
            double sample = (System.nanoTime() - t0) / 1e9 / 2;
            double acc = accuracy(real, syn, meta);
            double ims = RowCopies.score(real, syn, meta).value();
            double dcr = dcrShare(real, holdout, syn, meta, dcrRows);
            double det = detection(real, syn, meta);
            double f1 = tstr(syn, holdout, meta, target);
            System.out.printf("| %s | %.2f | %.2f | %.4f | %.4f | %.3f | %.3f | %.3f | %.3f%% |%n", spec, fit, sample, acc, ceiling, det, f1, dcr, 100 * ims);
            if (Boolean.getBoolean("probe.detail")) {
                for (ColumnSpec cs : meta.columns()) {
                    List<ColumnSpec> keep = new ArrayList<>();
                    for (ColumnSpec o : meta.columns()) if (o != cs) keep.add(o);
                    Metadata m2 = new Metadata(keep);
                    List<String> names = m2.names();
                    double d = detection(project(real, names), project(syn, names), m2);
                    List<ColumnSpec> only = List.of(cs);
                    double d1 = detection(project(real, List.of(cs.name())), project(syn, List.of(cs.name())), new Metadata(only));
                    System.out.printf("   without %-16s detection %.3f   only it %.3f%n", cs.name(), d, d1);
                }
            }
        }
    }

    private static Table project(Table t, List<String> names) {
        List<dev.ersatz.core.Column> cols = new ArrayList<>();
        for (String n : names) cols.add(t.column(n));
        return new Table(cols);
    }

    /** Accuracy only, for each synthesizer spec, as mean ± sd over the seeds in probe.seeds (for noisy, private models). */
    static void accuracyOverSeeds(String[] args) {
        ReadResult train = TableReader.read(args[0]);
        ReadResult hold = TableReader.read(args[1]);
        Metadata meta = MetadataDetector.detect(train.table());
        Table real = train.table();
        int rows = hold.table().rowCount();
        String[] seeds = System.getProperty("probe.seeds").split(",");
        System.out.printf("accuracy ceiling %.4f%n", accuracy(real, hold.table(), meta));
        for (String spec : args[3].split(",")) {
            String[] parts = spec.split(":", 2);
            Map<String, String> opts = new LinkedHashMap<>();
            if (parts.length > 1) for (String kv : parts[1].split(";")) { String[] t = kv.split("=", 2); opts.put(t[0], t[1].replace('#', ',')); }
            double[] acc = new double[seeds.length];
            long t0 = System.nanoTime();
            for (int k = 0; k < seeds.length; k++) {
                long seed = Long.parseLong(seeds[k].trim());
                FittedModel m = FittedModel.fit(real, meta, TextStyle.defaults(real.columnCount()), Registry.get(parts[0]).create(opts), seed, train.source(), Progress.NONE);
                acc[k] = accuracy(real, m.sample(rows, seed), meta);
            }
            double mean = Arrays.stream(acc).average().orElse(Double.NaN);
            double sd = Math.sqrt(Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, acc.length - 1));
            System.out.printf("| %s | %.4f ± %.4f | min %.4f | %.1f s per fit+sample |%n", spec, mean, sd, Arrays.stream(acc).min().orElse(0),
                    (System.nanoTime() - t0) / 1e9 / seeds.length);
        }
    }

    // ---- accuracy: 1 - TVD over quantile bins (10), univariate and bivariate ----

    static double accuracy(Table real, Table other, Metadata meta) {
        List<int[]> a = new ArrayList<>(), b = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (ColumnSpec spec : meta.columns()) {
            if (!spec.isLearned()) continue;
            String name = spec.name();
            int[][] binned = bins(real.column(name), other.column(name), spec);
            a.add(binned[0]);
            b.add(binned[1]);
            int max = 0;
            for (int v : binned[0]) max = Math.max(max, v);
            for (int v : binned[1]) max = Math.max(max, v);
            sizes.add(max + 1);
        }
        double sum = 0;
        int count = 0;
        int p = a.size();
        StringBuilder perColumn = new StringBuilder();
        for (int i = 0; i < p; i++) {
            double u1 = 1 - tvd(a.get(i), null, b.get(i), null, sizes.get(i), 1);
            sum += u1;
            count++;
            perColumn.append(String.format(" %.3f", u1));
        }
        if (Boolean.getBoolean("probe.accuracyDetail")) System.out.println("   univariate:" + perColumn);
        double uni = sum / count;
        double bi = 0;
        int nb = 0;
        List<String> worst = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ColumnSpec spec : meta.columns()) if (spec.isLearned()) names.add(spec.name());
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                double s2 = 1 - tvd(a.get(i), a.get(j), b.get(i), b.get(j), sizes.get(i), sizes.get(j));
                sum += s2;
                bi += s2;
                nb++;
                count++;
                worst.add(String.format("%.3f %s/%s", s2, names.get(i), names.get(j)));
            }
        }
        if (Boolean.getBoolean("probe.accuracyDetail")) {
            java.util.Collections.sort(worst);
            System.out.printf("   accuracy: univariate %.4f, bivariate %.4f; worst pairs %s%n", uni, bi / nb, worst.subList(0, Math.min(5, worst.size())));
        }
        return sum / count;
    }

    private static double tvd(int[] x1, int[] y1, int[] x2, int[] y2, int nx, int ny) {
        Map<Long, double[]> f = new HashMap<>();
        for (int i = 0; i < x1.length; i++) f.computeIfAbsent((long) x1[i] * ny + (y1 == null ? 0 : y1[i]), k -> new double[2])[0] += 1.0 / x1.length;
        for (int i = 0; i < x2.length; i++) f.computeIfAbsent((long) x2[i] * ny + (y2 == null ? 0 : y2[i]), k -> new double[2])[1] += 1.0 / x2.length;
        double t = 0;
        for (double[] v : f.values()) t += Math.abs(v[0] - v[1]);
        return t / 2;
    }

    /** Bins of two text columns: numeric by the real deciles (missing its own bin), categorical by label. */
    private static int[][] bins(dev.ersatz.core.Column r, dev.ersatz.core.Column o, ColumnSpec spec) {
        boolean numeric = switch (spec.kind()) { case NUMERIC, INTEGER, DATETIME -> true; default -> false; };
        if (numeric && spec.kind() != dev.ersatz.core.ColumnKind.DATETIME) {
            double[] rv = nums(r), ov = nums(o);
            double[] present = Arrays.stream(rv).filter(x -> !Double.isNaN(x)).sorted().toArray();
            double[] edges = new double[9];
            for (int q = 1; q < 10; q++) edges[q - 1] = present.length == 0 ? 0 : present[(int) Math.min(present.length - 1, Math.floor(q * present.length / 10.0))];
            return new int[][] {numBins(rv, edges), numBins(ov, edges)};
        }
        Map<String, Integer> idx = new HashMap<>();
        int[] a = new int[r.size()], b = new int[o.size()];
        for (int i = 0; i < a.length; i++) a[i] = idx.computeIfAbsent(String.valueOf(r.text(i)), k -> idx.size());
        for (int i = 0; i < b.length; i++) b[i] = idx.computeIfAbsent(String.valueOf(o.text(i)), k -> idx.size());
        return new int[][] {a, b};
    }

    private static int[] numBins(double[] v, double[] edges) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) { out[i] = 10; continue; }
            int k = 0;
            while (k < edges.length && v[i] > edges[k]) k++;
            out[i] = k;
        }
        return out;
    }

    private static double[] nums(dev.ersatz.core.Column c) {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            String t = c.text(i);
            try {
                v[i] = t == null ? Double.NaN : Double.parseDouble(t);
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
        }
        return v;
    }

    // ---- DCR share ----

    static double dcrShare(Table train, Table holdout, Table syn, Metadata meta, int rows) {
        List<String> names = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        java.util.Set<String> skip = new java.util.HashSet<>(Arrays.asList(System.getProperty("probe.dcrSkip", "").split(",")));
        for (ColumnSpec spec : meta.columns()) {
            if (!spec.isLearned() || skip.contains(spec.name())) continue;
            names.add(spec.name());
            numeric.add(spec.kind() == dev.ersatz.core.ColumnKind.NUMERIC || spec.kind() == dev.ersatz.core.ColumnKind.INTEGER);
        }
        int p = names.size();
        double[][] tr = new double[p][], ho = new double[p][], sy = new double[p][];
        double[] range = new double[p];
        for (int c = 0; c < p; c++) {
            String n = names.get(c);
            if (numeric.get(c)) {
                tr[c] = nums(train.column(n)); ho[c] = nums(holdout.column(n)); sy[c] = nums(syn.column(n));
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double v : tr[c]) if (!Double.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
                range[c] = hi > lo ? hi - lo : 1;
            } else {
                Map<String, Integer> idx = new HashMap<>();
                tr[c] = cats(train.column(n), idx); ho[c] = cats(holdout.column(n), idx); sy[c] = cats(syn.column(n), idx);
            }
        }
        int m = Math.min(rows, syn.rowCount());
        SplittableRandom rng = new SplittableRandom(99);
        int[] pick = new int[m];
        for (int i = 0; i < m; i++) pick[i] = rng.nextInt(syn.rowCount());
        List<double[]> res = Parallel.map(m, k -> {
            int i = pick[k];
            return new double[] {nearest(sy, i, tr, numeric, range), nearest(sy, i, ho, numeric, range)};
        }, Progress.NONE, "dcr");
        double closer = 0;
        for (double[] d : res) closer += d[0] < d[1] ? 1 : d[0] == d[1] ? 0.5 : 0;
        return closer / m;
    }

    private static double[] cats(dev.ersatz.core.Column c, Map<String, Integer> idx) {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) v[i] = idx.computeIfAbsent(String.valueOf(c.text(i)), k -> idx.size());
        return v;
    }

    private static double nearest(double[][] q, int i, double[][] ref, List<Boolean> numeric, double[] range) {
        int p = q.length;
        int n = ref[0].length;
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            double d = 0;
            for (int c = 0; c < p && d < best; c++) {
                double a = q[c][i], b = ref[c][r];
                if (numeric.get(c)) {
                    if (Double.isNaN(a) || Double.isNaN(b)) d += Double.isNaN(a) == Double.isNaN(b) ? 0 : 1;
                    else d += Math.min(1, Math.abs(a - b) / range[c]);
                } else if (a != b) d += 1;
            }
            if (d < best) best = d;
        }
        return best;
    }

    // ---- forest proxies ----

    private static Table encode(TableCodec codec, Table t) {
        return codec.encode(t, "probe", 0);
    }

    /** AUC of a random forest telling real (a subsample) from synthetic rows, 3-fold. */
    static double detection(Table real, Table syn, Metadata meta) {
        int n = Math.min(5000, Math.min(real.rowCount(), syn.rowCount()));
        SplittableRandom rng = new SplittableRandom(5);
        Table a = real.select(sampleRows(real.rowCount(), n, rng)), b = syn.select(sampleRows(syn.rowCount(), n, rng));
        List<dev.ersatz.core.Column> cols = new ArrayList<>();
        for (int c = 0; c < a.columnCount(); c++) {
            String[] v = new String[2 * n];
            for (int i = 0; i < n; i++) { v[i] = a.text(i, c); v[n + i] = b.text(i, c); }
            cols.add(new dev.ersatz.core.StringColumn(a.column(c).name(), v));
        }
        Table both = new Table(cols);
        TableCodec codec = TableCodec.fit(both, meta, TextStyle.defaults(both.columnCount()), "probe");
        Table model = encode(codec, both);
        int[] y = new int[2 * n];
        for (int i = n; i < 2 * n; i++) y[i] = 1;
        int[] fold = new int[2 * n];
        for (int i = 0; i < 2 * n; i++) fold[i] = rng.nextInt(3);
        double[] score = forestCv(model, codec.modelColumns(), y, 2, fold, null);
        return auc(score, y);
    }

    /** Macro-F1 on the holdout of a forest trained on {@code train} to predict {@code target}. */
    static double tstr(Table train, Table holdout, Metadata meta, String target) {
        int n = train.rowCount(), m = holdout.rowCount();
        List<dev.ersatz.core.Column> cols = new ArrayList<>();
        for (int c = 0; c < train.columnCount(); c++) {
            String[] v = new String[n + m];
            for (int i = 0; i < n; i++) v[i] = train.text(i, c);
            for (int i = 0; i < m; i++) v[n + i] = holdout.text(i, holdout.indexOf(train.column(c).name()));
            cols.add(new dev.ersatz.core.StringColumn(train.column(c).name(), v));
        }
        Table both = new Table(cols);
        TableCodec codec = TableCodec.fit(both, meta, TextStyle.defaults(both.columnCount()), "probe");
        Table model = encode(codec, both);
        int t = -1;
        for (int j = 0; j < codec.modelColumns().size(); j++) if (codec.modelColumns().get(j).name().equals(target)) t = j;
        int[] codes = ((CategoricalColumn) model.column(t)).codes();
        int k = codec.modelColumns().get(t).levels().size();
        int[] y = new int[n + m];
        for (int i = 0; i < n + m; i++) y[i] = Math.max(0, codes[i]);
        int[] fold = new int[n + m];
        for (int i = n; i < n + m; i++) fold[i] = 1; // train on fold 0, test on fold 1
        double[][] prob = new double[n + m][];
        forestCv(model, codec.modelColumns(), y, k, fold, prob);
        int[] pred = new int[m], truth = new int[m];
        for (int i = 0; i < m; i++) {
            double[] pr = prob[n + i];
            int best = 0;
            for (int c = 1; c < k; c++) if (pr[c] > pr[best]) best = c;
            pred[i] = best;
            truth[i] = y[n + i];
        }
        return macroF1(pred, truth, k, t);
    }

    private static double macroF1(int[] pred, int[] truth, int k, int t) {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == c && truth[i] == c) tp++;
                else if (pred[i] == c) fp++;
                else if (truth[i] == c) fn++;
            }
            if (tp + fn == 0) continue;
            classes++;
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / classes;
    }

    private static int[] sampleRows(int total, int n, SplittableRandom rng) {
        int[] all = new int[total];
        for (int i = 0; i < total; i++) all[i] = i;
        for (int i = 0; i < n; i++) { int j = i + rng.nextInt(total - i); int t = all[i]; all[i] = all[j]; all[j] = t; }
        return Arrays.copyOf(all, n);
    }

    /**
     * A 100-tree random forest (mtry = √p, min leaf 2): trained on rows of fold ≠ f, scored on fold f,
     * for each fold present (with {@code prob}: trains on fold 0 only and fills class probabilities).
     * Returns P(class 1) per row.
     */
    private static double[] forestCv(Table model, List<ModelColumn> columns, int[] y, int k, int[] fold, double[][] prob) {
        int target = -1;
        if (prob != null) {
            // the target column must not be a predictor
            for (int j = 0; j < columns.size(); j++) {
                if (!columns.get(j).categorical()) continue;
                int[] c = ((CategoricalColumn) model.column(j)).codes();
                boolean same = true;
                for (int i = 0; i < y.length && same; i++) if (Math.max(0, c[i]) != y[i]) same = false;
                if (same) { target = j; break; }
            }
        }
        Features fs = Features.of(model, columns);
        int[][] codes = fs.encode(model);
        List<Integer> fl = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) if (j != target) fl.add(j);
        int[] feats = fl.stream().mapToInt(Integer::intValue).toArray();
        int mtry = Math.max(1, (int) Math.round(Math.sqrt(feats.length)));
        int folds = 0;
        for (int f : fold) folds = Math.max(folds, f + 1);
        double[] score = new double[y.length];
        double[][] acc = new double[y.length][k];
        int trees = 60;
        int[] testFolds = prob != null ? new int[] {1} : java.util.stream.IntStream.range(0, folds).toArray();
        for (int f : testFolds) {
            final int tf = f;
            int[] trainRows = java.util.stream.IntStream.range(0, y.length).filter(i -> prob != null ? fold[i] == 0 : fold[i] != tf).toArray();
            int[] testRows = java.util.stream.IntStream.range(0, y.length).filter(i -> fold[i] == tf).toArray();
            List<double[][]> votes = Parallel.map(trees, t -> {
                SplittableRandom rng = new SplittableRandom(1000L * tf + t);
                int[] boot = new int[trainRows.length];
                for (int i = 0; i < boot.length; i++) boot[i] = trainRows[rng.nextInt(trainRows.length)];
                Arrays.sort(boot);
                TreeGrower.Grown g = TreeGrower.classification(fs, codes, boot, y, k, null, feats,
                        new TreeGrower.Params(2, 0, 40, mtry, false), rng);
                double[][] leafP = new double[g.tree().leaves()][k];
                for (int l = 0; l < leafP.length; l++) {
                    int s = g.leafStart()[l], e = g.leafStart()[l + 1];
                    for (int i = s; i < e; i++) leafP[l][y[g.leafRows()[i]]] += 1.0 / (e - s);
                }
                double[][] x = new double[columns.size()][];
                for (int j = 0; j < columns.size(); j++) x[j] = values(model, j);
                double[][] out = new double[testRows.length][];
                for (int i = 0; i < testRows.length; i++) out[i] = leafP[g.tree().leaf(x, testRows[i])];
                return out;
            }, Progress.NONE, "forest");
            for (double[][] v : votes) for (int i = 0; i < testRows.length; i++) for (int c = 0; c < k; c++) acc[testRows[i]][c] += v[i][c] / trees;
        }
        for (int i = 0; i < y.length; i++) {
            score[i] = k > 1 ? acc[i][1] : 0;
            if (prob != null) prob[i] = acc[i];
        }
        return score;
    }

    private static double[] values(Table model, int j) {
        if (model.column(j) instanceof NumericColumn nc) return nc.values();
        int[] c = ((CategoricalColumn) model.column(j)).codes();
        double[] v = new double[c.length];
        for (int i = 0; i < c.length; i++) v[i] = c[i];
        return v;
    }

    static double auc(double[] score, int[] y) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j < idx.length && score[idx[j]] == score[idx[i]]) j++;
            double avg = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++) if (y[idx[k]] == 1) { rankSum += avg; pos++; }
            i = j;
        }
        long neg = idx.length - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
