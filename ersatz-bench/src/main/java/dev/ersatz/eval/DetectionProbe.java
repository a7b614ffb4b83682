package dev.ersatz.eval;

import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.detect.MetadataDetector;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.EvalData.Role;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which columns give synthetic rows away: the evaluator's detection AUC (3-fold XGBoost, real training
 * rows against synthetic ones) on all columns, on each column alone and on each pair of columns
 * (the pairs above a floor). A diagnostic for synthesizer work, not a benchmark.
 *
 * <pre>
 * java -cp "ersatz-bench/target/ersatz-bench.jar:ersatz-bench/target/lib/*" dev.ersatz.eval.DetectionProbe \
 *      TRAIN.csv ROWS SEED synthesizer[:k=v;...] [pairs]
 * </pre>
 */
public final class DetectionProbe {
    private DetectionProbe() {}

    public static void main(String[] args) throws Exception {
        Table train = TableReader.read(args[0]).table();
        int rows = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        String mode = args.length > 4 ? args[4] : "columns";
        boolean pairs = mode.equals("pairs");
        Metadata meta = MetadataDetector.detect(train);
        String spec = args[3];
        String[] parts = spec.split(":", 2);
        Map<String, String> opts = new LinkedHashMap<>();
        if (parts.length > 1) for (String kv : parts[1].split(";")) { String[] t = kv.split("=", 2); opts.put(t[0], t[1].replace('#', ',')); }
        Synthesizer s = Registry.get(parts[0]).create(opts);
        long t0 = System.nanoTime();
        FittedModel m = FittedModel.fit(train, meta, TextStyle.defaults(train.columnCount()), s, seed, "train", Progress.NONE);
        Table syn = m.sample(rows, seed);
        System.out.printf(Locale.ROOT, "%s: fit + sample %.2f s%n", spec, (System.nanoTime() - t0) / 1e9);
        if (mode.equals("dcr")) {
            Table holdout = TableReader.read(args[5]).table();
            System.out.printf(Locale.ROOT, "all columns: DCR share %.4f%n", dcr(train, syn, holdout, meta, null));
            for (String c : train.names()) System.out.printf(Locale.ROOT, "without %-16s DCR share %.4f%n", c, dcr(train, syn, holdout, meta, c));
            return;
        }
        EvalData data = EvalData.of(train, "train", syn, "synthetic", null, null, meta);
        int p = data.features.size();
        List<Integer> all = Stats.rangeList(p);
        double mean = 0;
        StringBuilder each = new StringBuilder();
        for (long ds = 0; ds < 3; ds++) { double a = auc(data, all, ds); mean += a / 3; each.append(String.format(Locale.ROOT, " %.4f", a)); }
        System.out.printf(Locale.ROOT, "all columns: %.4f (detection seeds 0-2:%s)%n", mean, each);
        if (mode.equals("all")) return;
        double[] single = new double[p];
        for (int j = 0; j < p; j++) {
            single[j] = auc(data, List.of(j), seed);
            List<Integer> rest = new ArrayList<>(all);
            rest.remove(Integer.valueOf(j));
            System.out.printf(Locale.ROOT, "%-16s alone %.4f  without it %.4f%n", data.features.get(j).name, single[j], auc(data, rest, seed));
        }
        if (pairs) {
            for (int a = 0; a < p; a++) {
                for (int b = a + 1; b < p; b++) {
                    double v = auc(data, List.of(a, b), seed);
                    double lift = v - Math.max(single[a], single[b]);
                    if (lift > 0.01) System.out.printf(Locale.ROOT, "pair %s & %s: %.4f (+%.4f over the better single)%n",
                            data.features.get(a).name, data.features.get(b).name, v, lift);
                }
            }
        }
    }

    static double dcr(Table train, Table syn, Table holdout, Metadata meta, String without) {
        if (without != null) {
            train = drop(train, without);
            syn = drop(syn, without);
            holdout = drop(holdout, without);
            List<dev.ersatz.core.ColumnSpec> specs = new ArrayList<>();
            for (dev.ersatz.core.ColumnSpec c : meta.columns()) if (!c.name().equals(without)) specs.add(c);
            meta = new Metadata(specs);
        }
        EvalData data = EvalData.of(train, "train", syn, "synthetic", holdout, "holdout", meta);
        try (Parallel par = new Parallel(2)) {
            return Distances.run(data, 0, par).dcrShare();
        }
    }

    static Table drop(Table t, String name) {
        List<dev.ersatz.core.Column> cols = new ArrayList<>(t.columns());
        cols.remove(t.indexOf(name));
        return new Table(cols);
    }

    static double auc(EvalData data, List<Integer> features, long seed) {
        SplittableRandom rng = new SplittableRandom(Stats.seed(seed, "detection"));
        int[] real = Stats.sample(data.rows(Role.REAL), Detection.MAX_ROWS_PER_SIDE, rng.split());
        int[] syn = Stats.sample(data.rows(Role.SYNTHETIC), Detection.MAX_ROWS_PER_SIDE, rng.split());
        Gbdt.Matrix all = Gbdt.concat(Gbdt.matrix(data, features, Role.REAL, real), Gbdt.matrix(data, features, Role.SYNTHETIC, syn));
        int n = real.length + syn.length;
        int[] labels = new int[n];
        for (int i = real.length; i < n; i++) labels[i] = 1;
        int[] fold = new int[n];
        int[] ro = Stats.permutation(real.length, rng.split()), so = Stats.permutation(syn.length, rng.split());
        for (int i = 0; i < ro.length; i++) fold[ro[i]] = i % Detection.FOLDS;
        for (int i = 0; i < so.length; i++) fold[real.length + so[i]] = i % Detection.FOLDS;
        double sum = 0;
        for (int k = 0; k < Detection.FOLDS; k++) {
            int tc = 0;
            for (int f : fold) if (f == k) tc++;
            int[] test = new int[tc], tr = new int[n - tc];
            int a = 0, b = 0;
            for (int i = 0; i < n; i++) { if (fold[i] == k) test[a++] = i; else tr[b++] = i; }
            float[] y = new float[tr.length];
            for (int i = 0; i < tr.length; i++) y[i] = labels[tr[i]];
            float[] pred = Gbdt.fitPredict(Gbdt.rows(all, tr), y, Gbdt.rows(all, test), Gbdt.Task.BINARY, 2);
            int[] yt = new int[test.length];
            for (int i = 0; i < test.length; i++) yt[i] = labels[test[i]];
            sum += Stats.auc(pred, yt);
        }
        return sum / Detection.FOLDS;
    }
}
