package dev.ersatz.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.Version;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.ModelCondition;
import dev.ersatz.core.transform.TableCodec;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.constraints.Constraints;
import dev.ersatz.synth.constraints.FittedConstraints;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A fitted tabular model: the table codec (formats, IDs, PII, rare categories) around a fitted
 * generator, with its provenance. Immutable and thread-safe; {@code sample} is a pure function of
 * (model, rows, conditions, seed).
 *
 * <p>Rows are produced in chunks of {@value #CHUNK}; chunk {@code j} draws from its own random stream
 * derived from (seed, j), and generated columns depend on the global row index. So the output is
 * byte-identical whether it is made on one thread or many, in memory or streamed to disk.
 */
public final class FittedModel {
    /** The model-file kind of tabular models. */
    public static final String KIND = "tabular";
    /** Rows per chunk: the unit of random streams, parallel work and streaming. */
    public static final int CHUNK = 8192;

    private final TableCodec codec;
    private final TableCodec decodeCodec;
    private final FittedConstraints constraints;
    private final FittedGenerator generator;
    private final String synthesizer;
    private final ObjectNode provenance;

    private FittedModel(TableCodec codec, FittedConstraints constraints, FittedGenerator generator, String synthesizer, ObjectNode provenance) {
        this.codec = codec;
        this.constraints = constraints;
        this.decodeCodec = constraints.isEmpty() ? codec : codec.unclamped(constraints.unclampedColumns());
        this.generator = generator;
        this.synthesizer = synthesizer;
        this.provenance = provenance;
    }

    /**
     * Fits {@code synth} to the raw text table {@code raw} described by {@code meta}. {@code style} is how
     * the source was written (kept for output); {@code source} names the data in error messages.
     */
    public static FittedModel fit(Table raw, Metadata meta, TextStyle style, Synthesizer synth, long seed,
                                  String source, Progress progress) {
        return fit(raw, meta, style, synth, seed, source, progress, Constraints.NONE, Constraints.OnViolation.FAIL, note -> { });
    }

    /**
     * Fits {@code synth} under {@code constraints}: every row the model makes keeps them (see
     * {@link FittedConstraints}). Real rows that break a constraint fail the fit with an error naming
     * the constraint, how many rows and which, or with {@link Constraints.OnViolation#DROP} are left out
     * (and {@code notes} says so).
     */
    public static FittedModel fit(Table raw, Metadata meta, TextStyle style, Synthesizer synth, long seed,
                                  String source, Progress progress, Constraints constraints, Constraints.OnViolation onViolation,
                                  Consumer<String> notes) {
        if (raw.rowCount() == 0) throw new InputException(source, "no data rows (the file has a header only)");
        Metadata m = constraints.prepare(meta);
        TableCodec codec = TableCodec.fit(raw, m, style, source);
        Table model = codec.encode(raw, source, seed);
        Table data = raw;
        int dropped = 0;
        if (!constraints.isEmpty()) {
            List<Constraints.Violation> broken = constraints.violations(raw, codec, model);
            if (!broken.isEmpty()) {
                if (onViolation == Constraints.OnViolation.FAIL) {
                    Constraints.Violation v = broken.get(0);
                    throw new InputException(source, -1, null, null, v.description() + ": " + v.message(raw.rowCount())
                            + (broken.size() > 1 ? " (and " + (broken.size() - 1) + " more constraint(s) broken)" : "")
                            + "; fix the data, or leave those rows out with --on-violation drop");
                }
                boolean[] drop = new boolean[raw.rowCount()];
                for (Constraints.Violation v : broken) for (int r : v.rows()) drop[r] = true;
                List<Integer> keep = new ArrayList<>();
                for (int r = 0; r < drop.length; r++) if (!drop[r]) keep.add(r);
                dropped = raw.rowCount() - keep.size();
                if (keep.isEmpty()) throw new InputException(source, "every row breaks a constraint: " + Constraints.summary(broken, raw.rowCount()));
                notes.accept(String.format(java.util.Locale.ROOT, "left out %,d row(s) that break constraints: %s", dropped,
                        Constraints.summary(broken, raw.rowCount())));
                data = raw.select(keep.stream().mapToInt(Integer::intValue).toArray());
                codec = TableCodec.fit(data, m, style, source);
                model = codec.encode(data, source, seed);
            }
        }
        FittedConstraints fc = constraints.isEmpty() ? FittedConstraints.none(codec) : constraints.fit(codec, model);
        FittedGenerator gen = synth.fit(fc.forward(model), fc.columns(), seed, progress);
        ObjectNode prov = ModelFile.object();
        prov.put("synthesizer", synth.name());
        prov.set("options", synth.options());
        if (gen instanceof AutoSynthesizer.Fitted auto) {
            prov.put("chosen", auto.chosen());
            prov.put("reason", auto.reason());
        }
        prov.put("seed", seed);
        prov.put("rows", data.rowCount());
        prov.put("columns", raw.columnCount());
        prov.put("schemaHash", sha256(meta.toJson().getBytes(StandardCharsets.UTF_8)));
        prov.put("dataHash", dataHash(raw));
        if (!constraints.isEmpty()) {
            prov.put("constraints", constraints.list().size());
            prov.put("rowsLeftOut", dropped);
        }
        prov.put("library", Version.get());
        return new FittedModel(codec, fc, gen, synth.name(), prov);
    }

    public TableCodec codec() { return codec; }
    public Metadata metadata() { return codec.metadata(); }
    public String synthesizer() { return synthesizer; }
    public ObjectNode provenance() { return provenance.deepCopy(); }
    public FittedGenerator generator() { return generator; }
    /** The constraints every sampled row keeps (empty when none were declared). */
    public FittedConstraints constraints() { return constraints; }

    /** {@code rows} new rows as text in the source's formats. */
    public Table sample(int rows, long seed) {
        return sample(List.of(), rows, seed);
    }

    /** {@code rows} new rows satisfying every condition (exactly where the model allows; see {@link #conditioningMethod}). */
    public Table sample(List<Condition> given, int rows, long seed) {
        List<Table> parts = new ArrayList<>();
        sampleTo(parts::add, rows, seed, given, false, 1, Progress.NONE);
        return concat(parts, codec);
    }

    /** How conditional rows are drawn for these conditions, in words. */
    public String conditioningMethod(List<Condition> given) {
        Plan plan = plan(codec.translate(given));
        List<ModelCondition> exact = plan.exact(), searched = plan.searched();
        if (searched.isEmpty()) return generator.conditioningMethod(exact);
        StringBuilder sb = new StringBuilder();
        if (!exact.isEmpty()) sb.append(generator.conditioningMethod(exact)).append("; then ");
        sb.append("a bounded search for ");
        for (int i = 0; i < searched.size(); i++) sb.append(i == 0 ? "" : " and ").append(searched.get(i).text());
        sb.append(" (rows drawn and kept only when they meet it, at most ").append(SEARCH_DRAWS_PER_ROW)
                .append(" draws per row asked, an error if that is not enough)");
        return sb.toString();
    }

    /** Rows drawn in a bounded search: how many were drawn and how many kept. */
    public record SearchStats(long drawn, long kept) {
        /** The share of draws kept. */
        public double acceptance() {
            return drawn == 0 ? 1 : (double) kept / drawn;
        }
    }

    /** The most rows a bounded search may draw per row asked, before it gives up with an error. */
    public static final int SEARCH_DRAWS_PER_ROW = 1000;
    /** After this many draws a search that cannot finish within its budget at the rate seen so far stops. */
    static final int SEARCH_PROBE = 50_000;

    /**
     * Which conditions the generator meets itself ({@code exact}, in its own column space) and which a
     * bounded search meets ({@code searched}, in model space, checked after the constraints' inverse).
     */
    private record Plan(List<ModelCondition> exact, List<ModelCondition> searched) {}

    private Plan plan(List<ModelCondition> all) {
        FittedConstraints.Mapping mapping = constraints.map(all);
        List<ModelCondition> exact = new ArrayList<>(), searched = new ArrayList<>(mapping.unmapped());
        for (FittedConstraints.Mapped m : mapping.mapped()) {
            if (generator.supports(m.condition())) exact.add(m.condition()); else searched.addAll(m.originals());
        }
        return new Plan(exact, searched);
    }

    /**
     * Streams {@code rows} new rows to {@code sink} in order, chunk by chunk, on {@code threads} threads.
     * With {@code typed}, values come in the canonical forms typed sinks (Parquet) cast.
     */
    public void sampleTo(Consumer<Table> sink, long rows, long seed, List<Condition> given, boolean typed, int threads, Progress progress) {
        sampleTo(sink, rows, seed, given, typed, threads, progress, null);
    }

    /**
     * As {@link #sampleTo(Consumer, long, long, List, boolean, int, Progress)}, reporting to {@code stats}
     * (when not null, after the last chunk) how many rows a bounded search drew and kept.
     */
    public void sampleTo(Consumer<Table> sink, long rows, long seed, List<Condition> given, boolean typed, int threads, Progress progress,
                         Consumer<SearchStats> stats) {
        if (rows < 0) throw new InputException("--rows", -1, null, Long.toString(rows), "the number of rows must not be negative");
        Plan conditions = plan(codec.translate(given));
        java.util.concurrent.atomic.LongAdder drawn = new java.util.concurrent.atomic.LongAdder(), kept = new java.util.concurrent.atomic.LongAdder();
        sampleChunks(sink, rows, seed, conditions, typed, threads, progress, drawn, kept);
        if (stats != null) stats.accept(new SearchStats(drawn.sum(), kept.sum()));
    }

    private void sampleChunks(Consumer<Table> sink, long rows, long seed, Plan conditions, boolean typed, int threads,
                              Progress progress, java.util.concurrent.atomic.LongAdder drawn, java.util.concurrent.atomic.LongAdder kept) {
        long chunks = (rows + CHUNK - 1) / CHUNK;
        if (threads <= 1 || chunks <= 1) {
            for (long j = 0; j < chunks; j++) {
                sink.accept(chunk(j, rows, seed, conditions, typed, drawn, kept));
                progress.update("sampling", Math.min(rows, (j + 1) * CHUNK), rows);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ersatz-sample");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<Table>> window = new ArrayDeque<>();
            long next = 0;
            long done = 0;
            int depth = threads * 2;
            while (done < chunks) {
                while (next < chunks && window.size() < depth) {
                    final long j = next++;
                    window.add(pool.submit(() -> chunk(j, rows, seed, conditions, typed, drawn, kept)));
                }
                sink.accept(window.poll().get());
                done++;
                progress.update("sampling", Math.min(rows, done * CHUNK), rows);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sampling interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    private Table chunk(long j, long rows, long seed, Plan plan, boolean typed,
                        java.util.concurrent.atomic.LongAdder drawn, java.util.concurrent.atomic.LongAdder kept) {
        int m = (int) Math.min(CHUNK, rows - j * CHUNK);
        SplittableRandom rng = new SplittableRandom(mix(seed, j));
        Table model = plan.searched().isEmpty() ? constraints.inverse(generator.sample(m, plan.exact(), rng))
                : search(m, plan.exact(), plan.searched(), rng, drawn, kept);
        return decodeCodec.decode(model, m, j * CHUNK, seed, typed);
    }

    /**
     * Rows meeting conditions the generator cannot honour itself: batches drawn under the conditions it
     * can, kept when they meet the rest. Bounded: at most {@link #SEARCH_DRAWS_PER_ROW} draws per row
     * asked, and after {@link #SEARCH_PROBE} draws it stops as soon as the rate seen so far cannot
     * finish within that budget. It never returns fewer rows than asked: it fails with an error
     * naming the conditions and the rate instead.
     */
    private Table search(int m, List<ModelCondition> exact, List<ModelCondition> searched, SplittableRandom rng,
                         java.util.concurrent.atomic.LongAdder drawnTotal, java.util.concurrent.atomic.LongAdder keptTotal) {
        List<Table> parts = new ArrayList<>();
        int got = 0;
        long drawn = 0, budget = (long) SEARCH_DRAWS_PER_ROW * m;
        while (got < m) {
            if (drawn >= budget || (drawn >= SEARCH_PROBE && (double) got / drawn * (budget - drawn) < m - got)) {
                StringBuilder which = new StringBuilder();
                for (ModelCondition c : searched) which.append(which.length() == 0 ? "" : " and ").append(c.text());
                throw new InputException("--where", -1, null, which.toString(), String.format(java.util.Locale.ROOT,
                        "the model rarely produces rows meeting it: %,d of %,d rows drawn did (%.4f%%), too few for %,d rows within the bound of %,d draws per row; relax the condition",
                        got, drawn, drawn == 0 ? 0 : 100.0 * got / drawn, m, SEARCH_DRAWS_PER_ROW));
            }
            double rate = (got + 1.0) / (drawn + 2.0);
            int batch = (int) Math.max(1024, Math.min(1 << 16, Math.ceil((m - got) / rate * 1.2)));
            batch = (int) Math.min(batch, budget - drawn);
            Table t = constraints.inverse(generator.sample(batch, exact, rng));
            drawn += batch;
            int[] keep = new int[batch];
            int k = 0;
            for (int i = 0; i < batch && got + k < m; i++) if (meets(t, i, searched)) keep[k++] = i;
            if (k > 0) {
                parts.add(t.select(java.util.Arrays.copyOf(keep, k)));
                got += k;
            }
        }
        drawnTotal.add(drawn);
        keptTotal.add(got);
        return concatModel(parts);
    }

    private static boolean meets(Table t, int row, List<ModelCondition> conditions) {
        for (ModelCondition c : conditions) {
            Column col = t.column(c.modelColumn());
            if (c.categorical()) {
                int code = ((dev.ersatz.core.CategoricalColumn) col).code(row);
                if (code < 0 || !c.acceptsCode(code)) return false;
            } else if (!c.accepts(((dev.ersatz.core.NumericColumn) col).get(row))) {
                return false;
            }
        }
        return true;
    }

    /** Concatenates model tables (numeric and categorical columns) row-wise. */
    private static Table concatModel(List<Table> parts) {
        if (parts.size() == 1) return parts.get(0);
        Table first = parts.get(0);
        int total = 0;
        for (Table t : parts) total += t.rowCount();
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < first.columnCount(); c++) {
            Column f = first.column(c);
            int at = 0;
            if (f instanceof dev.ersatz.core.CategoricalColumn cc) {
                int[] v = new int[total];
                for (Table t : parts) {
                    int[] src = ((dev.ersatz.core.CategoricalColumn) t.column(c)).codes();
                    System.arraycopy(src, 0, v, at, src.length);
                    at += src.length;
                }
                cols.add(new dev.ersatz.core.CategoricalColumn(cc.name(), v, cc.levels()));
            } else {
                double[] v = new double[total];
                for (Table t : parts) {
                    double[] src = ((dev.ersatz.core.NumericColumn) t.column(c)).values();
                    System.arraycopy(src, 0, v, at, src.length);
                    at += src.length;
                }
                cols.add(new dev.ersatz.core.NumericColumn(f.name(), v));
            }
        }
        return new Table(cols);
    }

    /** A well-mixed seed for chunk {@code j} (SplitMix64's finaliser over seed and index). */
    static long mix(long seed, long j) {
        long z = seed + 0x9E3779B97F4A7C15L * (j + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Concatenates chunk tables of text columns (an empty list gives a zero-row table). */
    static Table concat(List<Table> parts, TableCodec codec) {
        List<String> names = codec.metadata().names();
        int total = 0;
        for (Table t : parts) total += t.rowCount();
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String[] v = new String[total];
            int at = 0;
            for (Table t : parts) {
                String[] src = ((StringColumn) t.column(c)).values();
                System.arraycopy(src, 0, v, at, src.length);
                at += src.length;
            }
            cols.add(new StringColumn(names.get(c), v));
        }
        return new Table(cols);
    }

    /** The model file's bytes (byte-identical for the same data, options and seed). */
    public byte[] toBytes() {
        return ModelFile.toBytes(KIND, provenance, body());
    }

    /** Saves the model to {@code file} atomically. */
    public void save(Path file) {
        ModelFile.write(file, KIND, provenance, body());
    }

    private ObjectNode body() {
        ObjectNode body = ModelFile.object();
        body.put("synthesizer", synthesizer);
        body.set("codec", codec.toJson());
        if (!constraints.isEmpty()) body.set("constraints", constraints.toJson());
        body.set("generator", generator.toJson());
        return body;
    }

    /** Loads a model saved by {@link #save}; errors name the file. */
    public static FittedModel load(Path file) {
        return fromEnvelope(ModelFile.read(file, KIND), file.toString());
    }

    /** Loads a model from its bytes; {@code source} names it in errors. */
    public static FittedModel load(byte[] bytes, String source) {
        try {
            return fromEnvelope(ModelFile.read(new java.io.ByteArrayInputStream(bytes), source, KIND), source);
        } catch (java.io.IOException e) {
            throw new InputException(source, "cannot read model: " + e.getMessage());
        }
    }

    private static FittedModel fromEnvelope(ModelFile.Envelope env, String source) {
        JsonNode body = env.body();
        try {
            String synth = body.path("synthesizer").asText();
            TableCodec codec = TableCodec.fromJson(body.get("codec"), source);
            FittedConstraints fc = FittedConstraints.fromJson(body.get("constraints"), codec, source);
            FittedGenerator gen = Registry.get(synth).load(body.get("generator"), fc.columns());
            return new FittedModel(codec, fc, gen, synth, (ObjectNode) env.provenance());
        } catch (InputException e) {
            throw e.source() == null ? e.withSource(source) : e;
        } catch (RuntimeException e) {
            throw new InputException(source, "damaged model file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static String dataHash(Table raw) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Column c : raw.columns()) {
                md.update(c.name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                for (int i = 0; i < c.size(); i++) {
                    String t = c.text(i);
                    if (t != null) md.update(t.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) (t == null ? 1 : 0));
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
