package dev.ersatz.eval;

import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small tables written inline, and the shared adult data, for the evaluator's tests. */
final class TestTables {
    private TestTables() {}

    /** A table from a header and comma-separated rows; an empty cell is missing. */
    static Table of(String header, String... rows) {
        String[] names = header.split(",");
        String[][] cols = new String[names.length][rows.length];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = rows[r].split(",", -1);
            for (int c = 0; c < names.length; c++) cols[c][r] = cells[c].isEmpty() ? null : cells[c];
        }
        List<StringColumn> out = new ArrayList<>();
        for (int c = 0; c < names.length; c++) out.add(new StringColumn(names[c], cols[c]));
        return new Table(out);
    }

    /** Metadata from "name:kind" pairs. */
    static Metadata meta(String... specs) {
        List<ColumnSpec> out = new ArrayList<>();
        for (String s : specs) {
            String[] p = s.split(":");
            out.add(ColumnSpec.of(p[0], ColumnKind.valueOf(p[1].toUpperCase(java.util.Locale.ROOT))));
        }
        return new Metadata(out);
    }

    static EvalData data(Table real, Table synthetic, Table holdout, Metadata meta) {
        return EvalData.of(real, "real.csv", synthetic, "synthetic.csv", holdout, holdout == null ? null : "holdout.csv", meta);
    }

    static Path datasets() {
        return Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"));
    }

    /** adult's official training split (32,561 rows); the test is skipped, visibly, when the shared data is absent. */
    static ReadResult adultTrain() {
        Path p = datasets().resolve("adult/adult_train.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset absent: " + p);
        return TableReader.read(p.toString());
    }

    /** adult's official test split (16,281 rows). */
    static ReadResult adultTest() {
        Path p = datasets().resolve("adult/adult_test.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset absent: " + p);
        return TableReader.read(p.toString());
    }

    /** Rows [from, to) of a table. */
    static Table rows(Table t, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return t.select(idx);
    }

    /** The table with every column permuted independently (seeded): the same columns, no relationships left. */
    static Table shuffledColumns(Table t, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<dev.ersatz.core.Column> out = new ArrayList<>();
        for (dev.ersatz.core.Column c : t.columns()) out.add(c.select(Stats.permutation(t.rowCount(), rng.split())));
        return new Table(out);
    }
}
