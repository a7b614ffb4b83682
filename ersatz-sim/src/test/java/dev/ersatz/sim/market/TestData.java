package dev.ersatz.sim.market;

import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared datasets for tests: located through the {@code ersatz.datasets} property, skipped visibly when absent. */
final class TestData {
    private TestData() {}

    /** The path of a shared dataset file; the test is skipped (with a message) when it is absent. */
    static Path dataset(String relative) {
        String root = System.getProperty("ersatz.datasets", "../../shared/datasets");
        Path p = Path.of(root, relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared dataset not found, skipping: " + p);
        return p;
    }

    /** A plain CSV (double quotes around fields allowed, no embedded commas) as a table of text columns. */
    static Table csv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = split(lines.get(0));
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) if (!lines.get(i).isBlank()) rows.add(split(lines.get(i)));
            List<StringColumn> cols = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                String[] v = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) v[r] = rows.get(r)[c].isEmpty() ? null : rows.get(r)[c];
                cols.add(new StringColumn(header[c], v));
            }
            return new Table(cols);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) parts[i] = parts[i].replace("\"", "").trim();
        return parts;
    }

    /** The EuStockMarkets prices (DAX, SMI, CAC, FTSE; 1,860 days). */
    static PriceSeries eu() {
        Path p = dataset("eu_stock_markets/EuStockMarkets.csv");
        return PriceSeries.fromTable(csv(p), p.toString(), null, null, List.of("DAX", "SMI", "CAC", "FTSE"));
    }
}
