package dev.ersatz.synth.balance;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Progress;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.CategoricalCodec;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.TableCodec;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rebalances a table's classes: new rows for the classes a {@link SamplingStrategy} names, made by a
 * resampler of the SMOTE family ({@link Method}) or by any registered synthesizer (generative
 * rebalancing), with the counts per class and, on request, how close the new rows sit to real ones.
 *
 * <p>The real rows are not touched: callers write them as read, followed by {@link Result#added()}.
 * Rows are encoded with the same reversible codecs as synthesis, so new rows keep each column's
 * precision, range, datetime format and grain; ID, PII and text columns of new rows are generated
 * fresh (plain random over-sampling copies whole rows, IDs included).
 *
 * <p>The target must be a class column. It is modelled as categorical with every class kept (rare
 * classes are the point here), and so is every categorical column whose metadata does not set its own
 * {@code minCategoryCount}: the output holds the real rows anyway, so protecting rare categories in
 * the new rows would protect nothing. Rows whose target is missing are kept but not resampled.
 *
 * <p>Generative rebalancing fits the synthesizer once to all rows and draws each class's rows by
 * conditional sampling on the target ({@code target=class}: exact for the copula), or, with
 * {@code fitPerClass}, fits one model per class on that class's rows and samples it freely.
 */
public final class Balancer {
    /** The method name that picks SMOTE for numeric features, SMOTE-N for categorical ones, SMOTE-NC for a mix. */
    public static final String AUTO = "auto";

    private Balancer() {}

    /**
     * Options of a run.
     *
     * @param method             a {@link Method} name or a registered synthesizer's name
     * @param strategy           how many rows each class gets
     * @param kNeighbors         neighbours for interpolation (SMOTE family; imbalanced-learn's default 5)
     * @param mNeighbors         neighbours for Borderline-SMOTE's danger test (default 10)
     * @param shrinkage          random over-sampling's smoothing factor (null = plain bootstrap copies)
     * @param standardize        divide numeric columns by their standard deviation before distances
     * @param fitPerClass        generative: fit one model per class instead of conditioning one model
     * @param synthesizerOptions generative: the synthesizer's options
     * @param proximity          measure how close the new rows sit to real rows
     * @param threads            threads for neighbour search (the output does not depend on it)
     */
    public record Options(String method, SamplingStrategy strategy, int kNeighbors, int mNeighbors, Double shrinkage,
                          boolean standardize, boolean fitPerClass, Map<String, String> synthesizerOptions,
                          boolean proximity, int threads) {
        public Options {
            if (method == null || method.isBlank()) throw new InputException("--method", "no method given");
            if (strategy == null) strategy = SamplingStrategy.auto();
            if (kNeighbors < 1) throw new InputException("--k-neighbors", -1, null, Integer.toString(kNeighbors), "must be at least 1");
            if (mNeighbors < 1) throw new InputException("--m-neighbors", -1, null, Integer.toString(mNeighbors), "must be at least 1");
            if (shrinkage != null && !(shrinkage >= 0 && Double.isFinite(shrinkage))) {
                throw new InputException("--shrinkage", -1, null, String.valueOf(shrinkage), "must be a number ≥ 0");
            }
            synthesizerOptions = synthesizerOptions == null ? Map.of() : Map.copyOf(synthesizerOptions);
            if (threads < 1) throw new InputException("--threads", -1, null, Integer.toString(threads), "must be at least 1");
            Method m = Method.byName(method);
            if (m == null && !method.equals(AUTO) && !Registry.names().contains(method)) {
                throw new InputException("--method", -1, null, method, "unknown method (resamplers: " + resamplers()
                        + "; synthesizers: " + String.join(", ", Registry.names().stream().filter(s -> !s.equals(AUTO)).toList()) + ")");
            }
            if (shrinkage != null && m != Method.RANDOM) {
                throw new InputException("--shrinkage", -1, null, String.valueOf(shrinkage), "applies to --method random only");
            }
        }

        /** imbalanced-learn's defaults for {@code method}: auto strategy, k = 5, m = 10, no scaling. */
        public static Options defaults(String method) {
            return new Options(method, SamplingStrategy.auto(), 5, 10, null, false, false, Map.of(), false, 1);
        }

        public Options withStrategy(SamplingStrategy s) {
            return new Options(method, s, kNeighbors, mNeighbors, shrinkage, standardize, fitPerClass, synthesizerOptions, proximity, threads);
        }

        public Options withProximity(boolean p) {
            return new Options(method, strategy, kNeighbors, mNeighbors, shrinkage, standardize, fitPerClass, synthesizerOptions, p, threads);
        }

        public Options withThreads(int t) {
            return new Options(method, strategy, kNeighbors, mNeighbors, shrinkage, standardize, fitPerClass, synthesizerOptions, proximity, t);
        }

        public Options withStandardize(boolean s) {
            return new Options(method, strategy, kNeighbors, mNeighbors, shrinkage, s, fitPerClass, synthesizerOptions, proximity, threads);
        }

        public Options withFitPerClass(boolean f) {
            return new Options(method, strategy, kNeighbors, mNeighbors, shrinkage, standardize, f, synthesizerOptions, proximity, threads);
        }
    }

    static String resamplers() {
        StringBuilder sb = new StringBuilder();
        for (Method m : Method.values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(m.cliName());
        }
        return sb.toString();
    }

    /**
     * What a run made.
     *
     * @param added     the new rows as text, in the source's column order (typed forms when asked)
     * @param before    rows per class in the input (sorted by label)
     * @param asked     new rows the strategy asked for, per class
     * @param made      new rows made, per class (fewer than asked only for ADASYN's rounding or
     *                  Borderline-SMOTE without rows in danger; the notes say so)
     * @param method    the method's name
     * @param how       how the rows were made, in words
     * @param notes     things the user should know (rows skipped, counts changed)
     * @param proximity how close new rows sit to real rows (null unless asked)
     * @param real      the real rows as they are to be written (typed forms when asked, else as read)
     * @param types     the output column types, for typed sinks
     */
    public record Result(Table added, Map<String, Long> before, Map<String, Long> asked, Map<String, Long> made,
                         String method, String how, List<String> notes, Proximity proximity, Table real,
                         List<dev.ersatz.core.SourceType> types) {}

    /**
     * The metadata a run uses: the target a categorical column with every class kept, and every other
     * categorical column without its own threshold keeping all its categories.
     */
    public static Metadata prepare(Metadata meta, String target) {
        if (meta.get(target) == null) {
            throw new InputException("--target", -1, target, null, "no such column (columns: " + String.join(", ", meta.names()) + ")");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (ColumnSpec s : meta.columns()) {
            if (s.name().equals(target)) {
                ColumnKind kind = s.kind() == ColumnKind.BOOLEAN ? ColumnKind.BOOLEAN : ColumnKind.CATEGORICAL;
                specs.add(new ColumnSpec(s.name(), kind, null, null, 1, null));
            } else if ((s.kind() == ColumnKind.CATEGORICAL || s.kind() == ColumnKind.BOOLEAN) && s.minCategoryCount() == null) {
                specs.add(new ColumnSpec(s.name(), s.kind(), s.format(), s.pii(), 1, s.keep()));
            } else {
                specs.add(s);
            }
        }
        return new Metadata(specs);
    }

    /** Rebalances {@code raw} (text columns as read) on {@code target}. */
    public static Result balance(Table raw, Metadata meta, TextStyle style, String target, Options o, long seed,
                                 String source, boolean typed, Progress progress) {
        if (raw.rowCount() == 0) throw new InputException(source, "no data rows (the file has a header only)");
        Metadata m = prepare(meta, target);
        TableCodec codec = TableCodec.fit(raw, m, style, source);
        int targetCol = m.names().indexOf(target);
        CategoricalCodec tc = (CategoricalCodec) codec.codecs().get(targetCol);
        List<String> classes = tc.levels();
        ColumnKind declared = meta.get(target).kind();
        boolean measured = declared == ColumnKind.NUMERIC || declared == ColumnKind.INTEGER || declared == ColumnKind.DATETIME;
        if (classes.size() > 1000 || (measured && classes.size() > 50)) {
            throw new InputException("--target", -1, target, null, "has " + classes.size() + " distinct values"
                    + (measured ? " and is " + declared.name().toLowerCase(java.util.Locale.ROOT) : "")
                    + ": balancing needs a class column (a few classes), not a measurement");
        }
        progress.update("encoding", 0, 1);
        Table model = codec.encode(raw, source, seed);
        List<ModelColumn> cols = codec.modelColumns();
        int tModel = -1;
        for (int j = 0; j < cols.size(); j++) if (cols.get(j).source() == targetCol) tModel = j;
        int[] codes = ((CategoricalColumn) model.column(tModel)).codes();

        Map<String, Long> before = new java.util.TreeMap<>();
        long missingTarget = 0;
        long[] perCode = new long[classes.size()];
        for (int c : codes) if (c < 0) missingTarget++; else perCode[c]++;
        for (int c = 0; c < classes.size(); c++) before.put(classes.get(c), perCode[c]);
        List<String> notes = new ArrayList<>();
        if (missingTarget > 0) notes.add(missingTarget + " row(s) have no value in '" + target + "': kept, not resampled");
        if (before.size() < 2) {
            throw new InputException("--target", -1, target, null, "has a single class (" + String.join(", ", before.keySet()) + "): nothing to balance");
        }
        Map<String, Long> asked = o.strategy().newRows(before);

        Method method = o.method().equals(AUTO) ? autoMethod(cols, tModel) : Method.byName(o.method());
        Table added;
        Map<String, Long> made;
        Table addedModel = null;
        String how;
        if (method != null) {
            Resampled r = resample(model, cols, tModel, codes, classes, asked, o, method, seed, notes, progress);
            made = r.made;
            addedModel = r.model;
            if (r.model != null) {
                added = codec.decode(r.model, r.model.rowCount(), raw.rowCount(), seed, typed);
            } else {
                added = raw.select(r.copies);
                if (o.proximity()) addedModel = codec.encode(added, source, seed);
                if (typed) added = codec.canonical(added, source);
            }
            how = describe(method, o);
        } else {
            Generated g = generate(raw, m, style, target, classes, codes, asked, o, seed, source, progress);
            added = g.rows == null ? raw.select(new int[0]) : g.rows;
            made = g.made;
            how = g.how;
            if (o.proximity()) addedModel = codec.encode(added, "new rows", seed);
            if (typed) added = codec.canonical(added, "new rows");
        }

        if (method != Method.RANDOM || o.shrinkage() != null) added = freshKeys(codec, raw, added, seed);

        Proximity prox = null;
        if (o.proximity() && added.rowCount() > 0) {
            progress.update("measuring distances", 0, 1);
            Table freshModel = addedModel;
            int[] features = new int[cols.size() - 1];
            for (int j = 0, f = 0; j < cols.size(); j++) if (j != tModel) features[f++] = j;
            List<Integer> base = new ArrayList<>();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0) continue;
                Long a = made.get(classes.get(codes[i]));
                if (a != null && a > 0) base.add(i);
            }
            prox = Proximity.measure(model, freshModel, cols, features, base.stream().mapToInt(Integer::intValue).toArray(), o.threads());
        }
        return new Result(added, before, asked, made, method != null ? method.cliName() : o.method(), how, notes, prox,
                typed ? codec.canonical(raw, source) : raw, codec.outputTypes());
    }

    /** New rows' ID columns regenerated so that no new key equals a real one (real rows are written beside them). */
    private static Table freshKeys(TableCodec codec, Table raw, Table added, long seed) {
        Table out = added;
        for (dev.ersatz.core.transform.ColumnCodec c : codec.codecs()) {
            if (!(c instanceof dev.ersatz.core.transform.GeneratedCodec g) || c.spec().kind() != ColumnKind.ID) continue;
            java.util.Set<String> real = new java.util.HashSet<>();
            Column col = raw.column(c.spec().name());
            for (int i = 0; i < col.size(); i++) if (col.text(i) != null) real.add(col.text(i));
            StringColumn old = (StringColumn) added.column(c.spec().name());
            out = out.with(new StringColumn(old.name(), g.freshIds(added.rowCount(), raw.rowCount(), codec.decodeSeed(c.spec().name(), seed), real), old.sourceType()));
        }
        return out;
    }

    private static Method autoMethod(List<ModelColumn> cols, int target) {
        int numeric = 0, categorical = 0;
        for (int j = 0; j < cols.size(); j++) {
            if (j == target) continue;
            if (cols.get(j).categorical()) categorical++; else numeric++;
        }
        return categorical == 0 ? Method.SMOTE : numeric == 0 ? Method.SMOTEN : Method.SMOTENC;
    }

    private static String describe(Method m, Options o) {
        String scale = o.standardize() ? ", numeric columns standardized for distances" : "";
        return switch (m) {
            case RANDOM -> o.shrinkage() == null ? "random over-sampling (bootstrap copies)"
                    : "random over-sampling, smoothed bootstrap (shrinkage " + o.shrinkage() + ")";
            case SMOTE -> "SMOTE, k=" + o.kNeighbors() + scale;
            case SMOTENC -> "SMOTE-NC, k=" + o.kNeighbors() + scale;
            case SMOTEN -> "SMOTE-N (value difference metric), k=" + o.kNeighbors();
            case BORDERLINE1 -> "Borderline-SMOTE 1, k=" + o.kNeighbors() + ", m=" + o.mNeighbors() + scale;
            case BORDERLINE2 -> "Borderline-SMOTE 2, k=" + o.kNeighbors() + ", m=" + o.mNeighbors() + scale;
            case ADASYN -> "ADASYN, k=" + o.kNeighbors() + scale;
        };
    }

    private record Resampled(Table model, int[] copies, Map<String, Long> made) {}

    private static Resampled resample(Table model, List<ModelColumn> cols, int tModel, int[] codes,
                                      List<String> classes, Map<String, Long> asked, Options o, Method method, long seed,
                                      List<String> notes, Progress progress) {
        // Labelled rows only; features split by kind.
        int labelled = 0;
        for (int c : codes) if (c >= 0) labelled++;
        int[] rowOf = new int[labelled];
        int[] y = new int[labelled];
        for (int i = 0, j = 0; i < codes.length; i++) if (codes[i] >= 0) { rowOf[j] = i; y[j++] = codes[i]; }
        List<Integer> numCols = new ArrayList<>(), catCols = new ArrayList<>();
        for (int j = 0; j < cols.size(); j++) {
            if (j == tModel) continue;
            if (cols.get(j).categorical()) catCols.add(j); else numCols.add(j);
        }
        double[][] num = new double[numCols.size()][];
        for (int f = 0; f < num.length; f++) {
            double[] v = ((NumericColumn) model.column(numCols.get(f))).values();
            double[] s = new double[labelled];
            for (int i = 0; i < labelled; i++) s[i] = v[rowOf[i]];
            num[f] = s;
        }
        int[][] cat = new int[catCols.size()][];
        int[] levels = new int[cat.length];
        String[][] names = new String[cat.length][];
        for (int f = 0; f < cat.length; f++) {
            int[] v = ((CategoricalColumn) model.column(catCols.get(f))).codes();
            int[] s = new int[labelled];
            for (int i = 0; i < labelled; i++) s[i] = v[rowOf[i]];
            cat[f] = s;
            names[f] = cols.get(catCols.get(f)).levels().toArray(String[]::new);
            levels[f] = names[f].length;
        }
        // Equally distant neighbours (common with categorical columns) are taken in a seeded random order,
        // not in file order, so no row is favoured for coming early in the file.
        Oversampler.Data data = new Oversampler.Data(y, classes.size(), num, cat, levels, names, Points.shuffledRanks(labelled, seed ^ 0x7F4A7C15L));
        Oversampler sampler = new Oversampler(data, new Oversampler.Params(method, o.kNeighbors(), o.mNeighbors(),
                o.shrinkage(), o.standardize(), o.threads()));
        SplittableRandom root = new SplittableRandom(seed);
        Map<String, Long> made = new LinkedHashMap<>();
        List<Oversampler.NewRows> parts = new ArrayList<>();
        List<Integer> partClass = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, Long> e : asked.entrySet()) {
            progress.update("resampling " + e.getKey(), done++, asked.size());
            int cls = classes.indexOf(e.getKey());
            SplittableRandom rng = root.split();
            Oversampler.NewRows r = sampler.sample(cls, e.getKey(), e.getValue(), rng);
            made.put(e.getKey(), (long) r.count());
            if (r.note() != null) notes.add(r.note());
            parts.add(r);
            partClass.add(cls);
        }
        int total = 0;
        for (Oversampler.NewRows r : parts) total += r.count();
        if (method == Method.RANDOM && o.shrinkage() == null) {
            int[] copies = new int[total];
            int at = 0;
            for (Oversampler.NewRows r : parts) if (r.copies() != null) for (int i : r.copies()) copies[at++] = rowOf[i];
            return new Resampled(null, copies, made);
        }
        // Assemble the new rows in model space: features from the sampler, the target from the class.
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < cols.size(); j++) {
            ModelColumn mc = cols.get(j);
            if (j == tModel) {
                int[] t = new int[total];
                int at = 0;
                for (int p = 0; p < parts.size(); p++) for (int i = 0; i < parts.get(p).count(); i++) t[at++] = partClass.get(p);
                out.add(new CategoricalColumn(mc.name(), t, mc.levels().toArray(String[]::new)));
            } else if (mc.categorical()) {
                int f = catCols.indexOf(j);
                int[] t = new int[total];
                int at = 0;
                for (Oversampler.NewRows r : parts) { System.arraycopy(r.cat()[f], 0, t, at, r.count()); at += r.count(); }
                out.add(new CategoricalColumn(mc.name(), t, mc.levels().toArray(String[]::new)));
            } else {
                int f = numCols.indexOf(j);
                double[] t = new double[total];
                int at = 0;
                for (Oversampler.NewRows r : parts) { System.arraycopy(r.num()[f], 0, t, at, r.count()); at += r.count(); }
                out.add(new NumericColumn(mc.name(), t));
            }
        }
        return new Resampled(new Table(out), null, made);
    }

    private record Generated(Table rows, Map<String, Long> made, String how) {}

    private static Generated generate(Table raw, Metadata m, TextStyle style, String target, List<String> classes, int[] codes,
                                      Map<String, Long> asked, Options o, long seed, String source, Progress progress) {
        Synthesizer synth = Registry.get(o.method()).create(o.synthesizerOptions());
        List<Table> parts = new ArrayList<>();
        Map<String, Long> made = new LinkedHashMap<>();
        SplittableRandom root = new SplittableRandom(seed);
        String how;
        if (!o.fitPerClass()) {
            FittedModel model = FittedModel.fit(raw, m, style, synth, seed, source, progress);
            String method = "";
            for (Map.Entry<String, Long> e : asked.entrySet()) {
                long s = root.split().nextLong();
                if (e.getValue() == 0) { made.put(e.getKey(), 0L); continue; }
                List<Condition> given = List.of(new Condition(target, Condition.Op.EQ, e.getKey(), null));
                method = model.conditioningMethod(given);
                model.sampleTo(parts::add, e.getValue(), s, given, false, o.threads(), Progress.NONE);
                made.put(e.getKey(), e.getValue());
            }
            how = o.method() + " fitted to all rows, each class sampled conditionally on " + target + " (" + method + ")";
        } else {
            for (Map.Entry<String, Long> e : asked.entrySet()) {
                long s = root.split().nextLong();
                if (e.getValue() == 0) { made.put(e.getKey(), 0L); continue; }
                int cls = classes.indexOf(e.getKey());
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < codes.length; i++) if (codes[i] == cls) rows.add(i);
                Table part = raw.select(rows.stream().mapToInt(Integer::intValue).toArray());
                FittedModel model = FittedModel.fit(part, m, style, synth, s, source + " (class " + e.getKey() + ")", progress);
                model.sampleTo(parts::add, e.getValue(), s, List.of(), false, o.threads(), Progress.NONE);
                made.put(e.getKey(), e.getValue());
            }
            how = o.method() + " fitted to each class's rows separately";
        }
        return new Generated(parts.isEmpty() ? null : concat(parts, raw), made, how);
    }

    private static Table concat(List<Table> parts, Table like) {
        int total = 0;
        for (Table t : parts) total += t.rowCount();
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < like.columnCount(); c++) {
            String[] v = new String[total];
            int at = 0;
            dev.ersatz.core.SourceType type = dev.ersatz.core.SourceType.STRING;
            for (Table t : parts) {
                StringColumn sc = (StringColumn) t.column(c);
                System.arraycopy(sc.values(), 0, v, at, sc.size());
                at += sc.size();
                type = sc.sourceType();
            }
            cols.add(new StringColumn(like.column(c).name(), v, type));
        }
        return new Table(cols);
    }
}
