package dev.ersatz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableSink;
import dev.ersatz.core.io.TableWriter;
import dev.ersatz.core.io.WriteOptions;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.balance.Balancer;
import dev.ersatz.synth.balance.Proximity;
import dev.ersatz.synth.balance.SamplingStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ersatz balance}: adds rows to the rare classes of a table (SMOTE family or any synthesizer). */
@Command(name = "balance", mixinStandardHelpOptions = true,
        description = {"Rebalance a table's classes: write the real rows followed by new rows for the rare classes,",
                "made by a resampler (random, smote, smotenc, smoten, borderline1, borderline2, adasyn; default auto:",
                "smote, smotenc or smoten by the kinds of the feature columns) or by any synthesizer (e.g. copula)."})
final class BalanceCommand implements Callable<Integer> {
    @Mixin InputOptionsMixin in;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "The class column to balance.")
    String target;

    @Option(names = "--out", required = true, paramLabel = "OUTPUT", description = "Output file: .csv or .parquet.")
    Path out;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "auto",
            description = "random, smote, smotenc, smoten, borderline1, borderline2, adasyn, auto, or a synthesizer name (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "auto",
            description = "auto (= not-majority), minority, not-majority, not-minority, all, a ratio in (0,1] (two classes), or \"a=2000,b=5000\" (rows per class after balancing).")
    String strategy;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}). Same data, options and seed give byte-identical output.")
    long seed;

    @Option(names = {"--k-neighbors", "--k"}, paramLabel = "K", defaultValue = "5", description = "Neighbours to interpolate towards (default: ${DEFAULT-VALUE}).")
    int kNeighbors;

    @Option(names = {"--m-neighbors", "--m"}, paramLabel = "M", defaultValue = "10", description = "Borderline-SMOTE: neighbours for the danger test (default: ${DEFAULT-VALUE}).")
    int mNeighbors;

    @Option(names = "--shrinkage", paramLabel = "S", description = "random: smoothed bootstrap with this shrinkage factor (default: plain copies).")
    Double shrinkage;

    @Option(names = "--scale", paramLabel = "none|standard", defaultValue = "none",
            description = "Divide numeric columns by their standard deviation before distances (standard), or not (none, as imbalanced-learn; default).")
    String scale;

    @Option(names = "--label-synthetic", arity = "0..1", fallbackValue = "synthetic", paramLabel = "COLUMN",
            description = "Add a column (default name: synthetic) saying which rows are new (true) or real (false).")
    String labelColumn;

    @Option(names = "--fit-per-class", description = "With a synthesizer: fit one model per class instead of sampling one model conditionally on the target.")
    boolean fitPerClass;

    @Option(names = "--metadata", paramLabel = "JSON", description = "Column metadata (from 'ersatz metadata', edited).")
    Path metadata;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A synthesizer option (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--report", paramLabel = "JSON", description = "Also write a JSON report: counts per class and how close new rows sit to real rows.")
    Path report;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores). The output does not depend on it.")
    Integer threads;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        AtomicFiles.checkParent(out);
        if (report != null) AtomicFiles.checkParent(report);
        boolean standardize = switch (scale.toLowerCase(Locale.ROOT)) {
            case "none" -> false;
            case "standard" -> true;
            default -> throw new InputException("--scale", -1, null, scale, "use none or standard");
        };
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Balancer.Options o = new Balancer.Options(method, SamplingStrategy.parse(strategy), kNeighbors, mNeighbors, shrinkage,
                standardize, fitPerClass, options, report != null, Math.max(1, t));
        if (threads != null && threads < 1) throw new InputException("--threads", -1, null, threads.toString(), "must be at least 1");
        ReadResult data = in.options.read();
        if (labelColumn != null && data.table().indexOf(labelColumn) >= 0) {
            throw new InputException("--label-synthetic", -1, labelColumn, null, "the input already has a column of this name: give another, e.g. --label-synthetic=is_new");
        }
        SynthOptions so = new SynthOptions();
        so.metadata = metadata;
        Metadata meta = so.metadataFor(data);
        char delimiter = data.delimiter() == null ? ',' : data.delimiter();
        TextStyle style = new TextStyle(delimiter, data.missingMarkers());
        PrintWriter err = spec.commandLine().getErr();
        Balancer.Result r;
        try (CliProgress progress = new CliProgress(err)) {
            r = Balancer.balance(data.table(), meta, style, target, o, seed, data.source(), Output.isParquet(out), progress);
        }
        write(data, r);
        summary(err, r);
        if (report != null) AtomicFiles.write(report, reportJson(r).getBytes(StandardCharsets.UTF_8));
        return 0;
    }

    private void write(ReadResult data, Balancer.Result r) {
        List<String> names = new ArrayList<>(data.table().names());
        List<SourceType> types = new ArrayList<>(r.types());
        List<String> markers = new ArrayList<>(data.missingMarkers());
        if (labelColumn != null) {
            names.add(labelColumn);
            types.add(SourceType.BOOLEAN);
            markers.add("");
        }
        WriteOptions wo = new WriteOptions(data.delimiter() == null ? ',' : data.delimiter(), markers);
        try (TableSink sink = TableWriter.open(out, names, types, wo)) {
            sink.append(withLabel(r.real(), false));
            if (r.added().rowCount() > 0) sink.append(withLabel(r.added(), true));
            sink.commit();
        }
    }

    private Table withLabel(Table t, boolean isNew) {
        if (labelColumn == null) return t;
        String[] v = new String[t.rowCount()];
        java.util.Arrays.fill(v, isNew ? "true" : "false");
        return t.with(new dev.ersatz.core.StringColumn(labelColumn, v, SourceType.BOOLEAN));
    }

    private static void summary(PrintWriter err, Balancer.Result r) {
        StringBuilder sb = new StringBuilder("ersatz: balance (").append(r.how()).append("): ");
        int i = 0;
        for (Map.Entry<String, Long> e : r.before().entrySet()) {
            if (i++ > 0) sb.append("; ");
            long add = r.made().getOrDefault(e.getKey(), 0L);
            sb.append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
            if (add > 0) sb.append(String.format(Locale.ROOT, " -> %,d (+%,d new)", e.getValue() + add, add));
        }
        err.println(sb);
        for (String n : r.notes()) err.println("ersatz: note: " + n);
        Proximity p = r.proximity();
        if (p != null && p.newRows() > 0) {
            err.println(String.format(Locale.ROOT, "ersatz: new rows' distance to the closest real row: median %.3f (real rows to each other: %.3f, ratio %.2f); %.1f%% identical to a real row",
                    p.newMedian(), p.realMedian(), p.ratio(), 100 * p.copyShare()));
        }
        err.flush();
    }

    private static String reportJson(Balancer.Result r) {
        ObjectNode o = ModelFile.object();
        o.put("method", r.method());
        o.put("how", r.how());
        ObjectNode classes = o.putObject("classes");
        for (Map.Entry<String, Long> e : r.before().entrySet()) {
            ObjectNode c = classes.putObject(e.getKey());
            c.put("before", e.getValue());
            c.put("asked", r.asked().getOrDefault(e.getKey(), 0L));
            c.put("added", r.made().getOrDefault(e.getKey(), 0L));
            c.put("after", e.getValue() + r.made().getOrDefault(e.getKey(), 0L));
        }
        Proximity p = r.proximity();
        if (p != null) {
            ObjectNode q = o.putObject("proximity");
            q.put("newRows", p.newRows());
            q.put("newMedianDistance", p.newMedian());
            q.put("newP05Distance", p.newP05());
            q.put("realMedianDistance", p.realMedian());
            q.put("ratio", p.ratio());
            q.put("identicalToRealRow", p.copies());
        }
        var notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        try {
            return ModelFile.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
