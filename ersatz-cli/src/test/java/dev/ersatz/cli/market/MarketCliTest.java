package dev.ersatz.cli.market;

import dev.ersatz.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ersatz market fit|simulate|evaluate} end to end on the shared price files, and its bad-input answers. */
class MarketCliTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String dataset(String relative) {
        Path p = Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"), relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared dataset not found, skipping: " + p);
        return p.toString();
    }

    static String eu() { return dataset("eu_stock_markets/EuStockMarkets.csv"); }

    /** Exit 2 with one line on stderr that names every fragment, and no output file. */
    private static void badInput(Run r, Path out, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ersatz: ").doesNotContain("Exception");
        for (String f : fragments) assertThat(r.err()).contains(f);
        if (out != null) assertThat(out).doesNotExist();
    }

    @Test
    void fitSimulateEvaluate_euIndices_sameSeedSameBytesAndAReport() throws IOException {
        Path model = dir.resolve("eu.ersatz"), a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        Run fit = run("market", "fit", eu(), "--out", model.toString(), "--model", "gjr-fhs", "--columns", "DAX,SMI,CAC,FTSE", "--seed", "7");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("gjr-fhs fitted to DAX, SMI, CAC, FTSE").contains("gamma=");
        for (Path p : List.of(a, b)) {
            Run sim = run("market", "simulate", model.toString(), "--paths", "30", "--days", "300", "--out", p.toString(), "--seed", "3");
            assertThat(sim.code()).as(sim.err()).isZero();
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        List<String> lines = Files.readAllLines(a);
        assertThat(lines).hasSize(1 + 30 * 301);
        assertThat(lines.get(0)).isEqualTo("path,day,DAX,SMI,CAC,FTSE");
        // day 0 of every path is the last real close
        assertThat(lines.get(1)).isEqualTo("1,0," + lastRow());
        Path html = dir.resolve("facts.html"), json = dir.resolve("facts.json");
        Run ev = run("market", "evaluate", "--real", eu(), "--synthetic", a.toString(), "--report", html.toString(), "--json", json.toString());
        assertThat(ev.code()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("targets passed").contains("DAX:").contains("FTSE:");
        String page = Files.readString(html);
        assertThat(page).contains("<svg").contains("ACF of |r|").contains("Cross-asset correlations").doesNotContain("<script");
        assertThat(Files.readString(json)).contains("\"targets\"").contains("\"crossCorrelations\"");
    }

    private static String lastRow() throws IOException {
        List<String> rows = Files.readAllLines(Path.of(eu()));
        String[] last = rows.get(rows.size() - 1).split(",");
        return String.join(",", Double.toString(Double.parseDouble(last[1])), Double.toString(Double.parseDouble(last[2])),
                Double.toString(Double.parseDouble(last[3])), Double.toString(Double.parseDouble(last[4])));
    }

    @Test
    void longLayout_monthlyStocks_pathsKeepLayoutAndMonthlyCalendar() throws IOException {
        String stocks = dataset("stocks_monthly/stocks.csv");
        Path model = dir.resolve("s.ersatz"), paths = dir.resolve("s.csv");
        Run fit = run("market", "fit", stocks, "--out", model.toString(), "--model", "gjr-t", "--date", "date", "--price", "price",
                "--columns", "MSFT,IBM", "--seed", "1");
        assertThat(fit.code()).as(fit.err()).isZero();
        Run sim = run("market", "simulate", model.toString(), "--paths", "50", "--days", "60", "--out", paths.toString(), "--seed", "1",
                "--start-price", "100");
        assertThat(sim.code()).as(sim.err()).isZero();
        List<String> lines = Files.readAllLines(paths);
        assertThat(lines.get(0)).isEqualTo("path,date,symbol,price");
        assertThat(lines.get(1)).isEqualTo("1,2010-03-01,MSFT,100.0");
        assertThat(lines.get(2)).isEqualTo("1,2010-03-01,IBM,100.0");
        assertThat(lines.get(3)).startsWith("1,2010-04-01,MSFT,");
        Run ev = run("market", "evaluate", "--real", stocks, "--synthetic", paths.toString(), "--report", dir.resolve("r.html").toString());
        assertThat(ev.code()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("MSFT:").contains("IBM:");
    }

    @Test
    void fit_auto_recordsItsChoice() throws IOException {
        // the first 600 days keep the nine candidate fits and their reports quick
        Path slice = dir.resolve("eu600.csv");
        Files.write(slice, Files.readAllLines(Path.of(eu())).subList(0, 601));
        Path model = dir.resolve("cac.ersatz");
        Run fit = run("market", "fit", slice.toString(), "--out", model.toString(), "--price", "CAC", "--seed", "7");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.err()).contains("auto: gjr-fhs").contains("auto: bootstrap");
        assertThat(Files.readString(model)).contains("\"selection\"").contains("\"selectedBy\"");
    }

    @Test
    void badInput_isOneLineNamingWhereAndWhat() throws IOException {
        Path out = dir.resolve("m.ersatz");
        badInput(run("market", "fit", eu(), "--out", out.toString(), "--columns", "DAX,NIKKEI"), out, "NIKKEI", "no such column");
        badInput(run("market", "fit", eu(), "--out", out.toString(), "--model", "arima", "--price", "DAX"), out, "arima", "unknown model");
        badInput(run("market", "fit", eu(), "--out", out.toString()), out, "--price or --columns");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "date,close\n2024-01-02,100\n2024-01-03,101\n2024-01-04,abc\n");
        badInput(run("market", "fit", bad.toString(), "--out", out.toString(), "--price", "close"), out, "bad.csv", "row 3", "close", "abc");
        Files.writeString(bad, "date,close\n2024-01-02,100\n2024-01-03,-5\n");
        badInput(run("market", "fit", bad.toString(), "--out", out.toString(), "--price", "close"), out, "row 2", "-5", "positive");
        Files.writeString(bad, "date,close\n2024-01-02,100\n2024-01-03,101\n");
        badInput(run("market", "fit", bad.toString(), "--out", out.toString(), "--price", "close"), out, "needs at least 60");
        Path notMarket = dir.resolve("tab.ersatz");
        dev.ersatz.core.model.ModelFile.write(notMarket, "tabular", dev.ersatz.core.model.ModelFile.object(), dev.ersatz.core.model.ModelFile.object());
        Path paths = dir.resolve("p.csv");
        badInput(run("market", "simulate", notMarket.toString(), "--paths", "2", "--days", "5", "--out", paths.toString()), paths,
                "tab.ersatz", "expected a 'market' model");
        Path model = dir.resolve("dax.ersatz");
        assertThat(run("market", "fit", eu(), "--out", model.toString(), "--model", "gbm", "--price", "DAX").code()).isZero();
        Path scen = dir.resolve("crash.json");
        Files.writeString(scen, "{\"events\":[{\"type\":\"crash\",\"day\":40,\"size\":0.3}]}");
        badInput(run("market", "simulate", model.toString(), "--paths", "2", "--days", "20", "--out", paths.toString(), "--scenario", scen.toString()),
                paths, "crash.json", "events[0].day", "40");
        badInput(run("market", "simulate", model.toString(), "--paths", "0", "--days", "20", "--out", paths.toString()), paths, "--paths", "0");
        Path noPath = dir.resolve("np.csv");
        Files.writeString(noPath, "day,DAX\n0,1\n1,2\n");
        Path html = dir.resolve("r.html");
        badInput(run("market", "evaluate", "--real", eu(), "--synthetic", noPath.toString(), "--report", html.toString()), html, "np.csv", "path");
    }

    @Test
    void simulate_scenario_crashShowsInThePaths() throws IOException {
        Path model = dir.resolve("dax.ersatz"), base = dir.resolve("base.csv"), hit = dir.resolve("hit.csv");
        assertThat(run("market", "fit", eu(), "--out", model.toString(), "--model", "gbm", "--price", "DAX").code()).isZero();
        Path scen = dir.resolve("crash.json");
        Files.writeString(scen, "{\"events\":[{\"type\":\"crash\",\"day\":3,\"size\":0.25}]}");
        assertThat(run("market", "simulate", model.toString(), "--paths", "1", "--days", "5", "--out", base.toString(), "--start-price", "100").code()).isZero();
        Run r = run("market", "simulate", model.toString(), "--paths", "1", "--days", "5", "--out", hit.toString(), "--start-price", "100",
                "--scenario", scen.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> b = Files.readAllLines(base), h = Files.readAllLines(hit);
        double ratio = Double.parseDouble(h.get(4).split(",")[2]) / Double.parseDouble(b.get(4).split(",")[2]);
        assertThat(ratio).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-9));
    }
}
