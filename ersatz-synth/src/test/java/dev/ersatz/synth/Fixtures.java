package dev.ersatz.synth;

import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.PiiType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real tables for synthesizer tests: penguins (bundled), penguins with extra column kinds, adult (shared). */
public final class Fixtures {
    private Fixtures() {}

    /** The bundled example, {@code examples/penguins.csv}. */
    public static ReadResult penguins() {
        return TableReader.read(examples().resolve("penguins.csv").toString());
    }

    public static Metadata penguinsMetadata() {
        return new Metadata(List.of(
                ColumnSpec.of("species", ColumnKind.CATEGORICAL), ColumnSpec.of("island", ColumnKind.CATEGORICAL),
                ColumnSpec.of("bill_length_mm", ColumnKind.NUMERIC), ColumnSpec.of("bill_depth_mm", ColumnKind.NUMERIC),
                ColumnSpec.of("flipper_length_mm", ColumnKind.INTEGER), ColumnSpec.of("body_mass_g", ColumnKind.INTEGER),
                ColumnSpec.of("sex", ColumnKind.CATEGORICAL), ColumnSpec.of("year", ColumnKind.CATEGORICAL)));
    }

    /**
     * Penguins with three more kinds of column, derived deterministically from each row: an ID tag
     * ({@code P-0001}), an observation date ({@code dd/MM/yyyy}, in the row's year) and an observer's
     * email address (PII). Exercises every codec in one table.
     */
    public static Table penguinsPlus() {
        Table t = penguins().table();
        int n = t.rowCount();
        String[] tag = new String[n], date = new String[n], email = new String[n];
        for (int i = 0; i < n; i++) {
            tag[i] = String.format("P-%04d", i + 1);
            int day = 1 + (i * 37) % 28, month = 1 + (i * 11) % 12;
            date[i] = String.format("%02d/%02d/%s", day, month, t.text(i, t.indexOf("year")));
            email[i] = i % 17 == 0 ? null : "observer" + (i % 23) + "@station" + (i % 3) + ".example.org";
        }
        List<dev.ersatz.core.Column> cols = new ArrayList<>();
        cols.add(new StringColumn("tag", tag));
        cols.addAll(t.columns());
        cols.add(new StringColumn("observed", date));
        cols.add(new StringColumn("observer_email", email));
        return new Table(cols);
    }

    public static Metadata penguinsPlusMetadata() {
        List<ColumnSpec> specs = new ArrayList<>();
        specs.add(new ColumnSpec("tag", ColumnKind.ID, "P-####", null, null, null));
        specs.addAll(penguinsMetadata().columns());
        specs.add(ColumnSpec.datetime("observed", "dd/MM/yyyy"));
        specs.add(ColumnSpec.pii("observer_email", PiiType.EMAIL));
        return new Metadata(specs);
    }

    /** adult's official training split (32,561 rows); the test is skipped, visibly, when the shared data is absent. */
    public static ReadResult adultTrain() {
        Path p = datasets().resolve("adult/adult_train.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset absent: " + p);
        return TableReader.read(p.toString());
    }

    /** adult's official test split (16,281 rows), a real holdout from the same population. */
    public static ReadResult adultTest() {
        Path p = datasets().resolve("adult/adult_test.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset absent: " + p);
        return TableReader.read(p.toString());
    }

    public static Metadata adultMetadata() {
        List<ColumnSpec> specs = new ArrayList<>();
        for (String c : List.of("age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week")) {
            specs.add(ColumnSpec.of(c, ColumnKind.INTEGER));
        }
        for (String c : List.of("workclass", "education", "marital_status", "occupation", "relationship", "race", "sex",
                "native_country", "income")) {
            specs.add(ColumnSpec.of(c, ColumnKind.CATEGORICAL));
        }
        List<String> order = List.of("age", "workclass", "fnlwgt", "education", "education_num", "marital_status", "occupation",
                "relationship", "race", "sex", "capital_gain", "capital_loss", "hours_per_week", "native_country", "income");
        specs.sort(java.util.Comparator.comparingInt(s -> order.indexOf(s.name())));
        return new Metadata(specs);
    }

    static Path examples() {
        return Path.of(System.getProperty("ersatz.examples", "../examples"));
    }

    static Path datasets() {
        return Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"));
    }
}
