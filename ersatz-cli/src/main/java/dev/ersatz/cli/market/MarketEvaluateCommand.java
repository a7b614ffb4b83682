package dev.ersatz.cli.market;

import dev.ersatz.core.InputException;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.model.AtomicFiles;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.sim.market.FactsReport;
import dev.ersatz.sim.market.PathsIO;
import dev.ersatz.sim.market.PriceSeries;
import dev.ersatz.sim.market.ReportHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ersatz market evaluate}: the stylized-facts report of synthetic paths against real prices. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compare synthetic price paths with real prices: stylized facts, scores and the pass/fail targets, as HTML (and JSON).")
final class MarketEvaluateCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "PRICES", description = "The real prices (.csv or .parquet), laid out as for 'market fit'.")
    String real;

    @Option(names = "--synthetic", required = true, paramLabel = "PATHS", description = "Paths written by 'ersatz market simulate'.")
    String synthetic;

    @Option(names = "--report", required = true, paramLabel = "HTML", description = "Where to write the HTML report (self-contained, works offline).")
    Path report;

    @Option(names = "--json", paramLabel = "JSON", description = "Also write the report as JSON here.")
    Path json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        AtomicFiles.checkParent(report);
        if (json != null) AtomicFiles.checkParent(json);
        PathsIO.Read syn;
        try {
            syn = PathsIO.read(TableReader.read(synthetic, ReadOptions.defaults()).table(), synthetic);
        } catch (InputException e) {
            throw e.source() == null ? e.withSource(synthetic) : e;
        }
        List<String> assets = syn.paths().assets();
        PriceSeries rs = "long".equals(syn.layout())
                ? MarketFitCommand.read(real, syn.dateColumn(), syn.priceColumn(), assets)
                : MarketFitCommand.read(real, null, null, assets);
        double[][] r = new double[assets.size()][];
        for (int i = 0; i < assets.size(); i++) r[i] = rs.returns(rs.names().indexOf(assets.get(i)));
        if (r[0].length < 40) throw new InputException(real, "only " + r[0].length + " real returns: the report needs at least 40");
        if (syn.paths().days() < 40) throw new InputException(synthetic, "paths of " + syn.paths().days() + " days: the report needs at least 40");
        FactsReport rep = FactsReport.evaluate(assets, r, syn.paths());
        String title = "Stylized facts: " + Path.of(synthetic).getFileName() + " vs " + Path.of(real).getFileName();
        String sub = String.format(Locale.ROOT, "%d synthetic paths × %d days of %s; real series: %d daily returns.",
                syn.paths().paths(), syn.paths().days(), String.join(", ", assets), r[0].length);
        AtomicFiles.write(report, ReportHtml.render(rep, title, sub).getBytes(StandardCharsets.UTF_8));
        if (json != null) {
            try {
                AtomicFiles.write(json, ModelFile.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(rep.toJson()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d of %d targets passed%n", rep.passed(), rep.checks());
        for (FactsReport.AssetReport a : rep.assets()) {
            StringBuilder failed = new StringBuilder();
            for (FactsReport.Check c : a.checks()) if (!c.pass()) failed.append(failed.length() == 0 ? "" : ", ").append(c.name());
            out.printf(Locale.ROOT, "  %s: %d/%d (ACF|r| score %.3f, leverage score %.3f)%s%n", a.asset(), a.passed(), a.checks().size(),
                    a.acfAbsScore(), a.leverageScore(), failed.length() == 0 ? "" : "; failed: " + failed);
        }
        out.flush();
        return 0;
    }
}
