package dev.ersatz.synth;

import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.format.DatetimeFormat;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.ColumnShapes;
import dev.ersatz.eval.RowCopies;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every synthesizer must pass. A module with synthesizers extends this class and lists
 * them in {@link #synthesizers()}; ersatz-synth's own subclass runs every registered one, so adding a
 * synthesizer is one registry line plus passing this suite.
 *
 * <p>Checks: seed determinism of model file and output; save/load round trip; schema, column order
 * and formats kept; missing rates within a tolerance derived from the sample sizes; categories valid;
 * integers integral; datetimes in the learned format; IDs unique; conditional samples satisfy their
 * conditions; a fidelity floor on adult; no more verbatim copies of training rows than a real holdout
 * has.
 */
public abstract class SynthesizerContract {

    /** The synthesizers under test (configured to run in seconds on adult). */
    protected abstract List<Synthesizer> synthesizers();

    /** The mean column-shape score every synthesizer must reach on adult. */
    protected double adultColumnShapeFloor() {
        return 0.90;
    }

    /**
     * The configuration of {@code s} for the adult test (32,561 rows). A synthesizer that trains in
     * epochs needs a different budget on adult than on the 344 penguins; the default is {@code s}.
     */
    protected Synthesizer forAdult(Synthesizer s) {
        return s;
    }

    @TestFactory
    Stream<DynamicContainer> contract() {
        return synthesizers().stream().map(s -> DynamicContainer.dynamicContainer(s.name(), Stream.of(
                DynamicTest.dynamicTest("fit_sameSeed_byteIdenticalModelAndOutput", () -> sameSeed(s)),
                DynamicTest.dynamicTest("saveLoad_roundTrip_identicalSamples", () -> roundTrip(s)),
                DynamicTest.dynamicTest("sample_mixedKinds_schemaFormatsAndValidity", () -> schemaAndFormats(s)),
                DynamicTest.dynamicTest("sample_missingValues_ratesWithinTolerance", () -> missingRates(s)),
                DynamicTest.dynamicTest("sample_conditions_satisfied", () -> conditions(s)),
                DynamicTest.dynamicTest("adult_fidelityAndCopies_floorMetAndNoMoreCopiesThanHoldout", () -> adult(s)))));
    }

    static FittedModel fitPlus(Synthesizer s, long seed) {
        Table t = Fixtures.penguinsPlus();
        return FittedModel.fit(t, Fixtures.penguinsPlusMetadata(), TextStyle.defaults(t.columnCount()), s, seed, "penguins+", Progress.NONE);
    }

    private static void sameSeed(Synthesizer s) {
        FittedModel a = fitPlus(s, 7), b = fitPlus(s, 7);
        assertThat(a.toBytes()).isEqualTo(b.toBytes());
        assertThat(text(a.sample(1000, 3))).isEqualTo(text(b.sample(1000, 3)));
        assertThat(text(a.sample(1000, 3))).isNotEqualTo(text(a.sample(1000, 4)));
    }

    private static void roundTrip(Synthesizer s) {
        FittedModel a = fitPlus(s, 11);
        FittedModel b = FittedModel.load(a.toBytes(), "memory");
        assertThat(b.toBytes()).isEqualTo(a.toBytes());
        assertThat(text(b.sample(9_000, 5))).isEqualTo(text(a.sample(9_000, 5)));
    }

    private static void schemaAndFormats(Synthesizer s) {
        Table real = Fixtures.penguinsPlus();
        Metadata meta = Fixtures.penguinsPlusMetadata();
        FittedModel m = fitPlus(s, 1);
        Table syn = m.sample(5000, 2);
        assertThat(syn.names()).isEqualTo(real.names());
        assertThat(syn.rowCount()).isEqualTo(5000);
        for (ColumnSpec spec : meta.columns()) {
            Column r = real.column(spec.name()), c = syn.column(spec.name());
            Set<String> realValues = new HashSet<>();
            for (int i = 0; i < r.size(); i++) if (r.text(i) != null) realValues.add(r.text(i));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < c.size(); i++) {
                String v = c.text(i);
                if (v == null) continue;
                switch (spec.kind()) {
                    case INTEGER -> assertThat(v).as("%s row %d", spec.name(), i).matches("-?\\d+");
                    case NUMERIC -> assertThat(v).as("%s row %d", spec.name(), i).matches("-?\\d+(\\.\\d)?");
                    case CATEGORICAL, BOOLEAN -> assertThat(realValues).as("%s row %d", spec.name(), i).contains(v);
                    case DATETIME -> {
                        assertThat(v).matches("\\d\\d/\\d\\d/\\d{4}");
                        assertThat(DatetimeFormat.of(spec.format()).parse(v)).isNotNaN();
                    }
                    case ID -> {
                        assertThat(v).matches("P-\\d{4}");
                        assertThat(seen.add(v)).as("id %s unique", v).isTrue();
                    }
                    case PII -> {
                        assertThat(v).contains("@");
                        assertThat(realValues).as("fake email must not be a real one").doesNotContain(v);
                    }
                    default -> { }
                }
            }
        }
        // Numeric outputs are smoothed, not a replay of the real values.
        Set<String> realBill = new HashSet<>(), synBill = new HashSet<>();
        for (int i = 0; i < real.rowCount(); i++) if (real.text(i, real.indexOf("bill_length_mm")) != null) realBill.add(real.text(i, real.indexOf("bill_length_mm")));
        for (int i = 0; i < syn.rowCount(); i++) if (syn.text(i, syn.indexOf("bill_length_mm")) != null) synBill.add(syn.text(i, syn.indexOf("bill_length_mm")));
        synBill.removeAll(realBill);
        assertThat(synBill).as("bill lengths never seen in the data").isNotEmpty();
    }

    private static void missingRates(Synthesizer s) {
        Table real = Fixtures.penguinsPlus();
        FittedModel m = fitPlus(s, 3);
        int n = 9_000;
        Table syn = m.sample(n, 9);
        for (ColumnSpec spec : Fixtures.penguinsPlusMetadata().columns()) {
            if (spec.kind() == ColumnKind.ID) continue;
            double pr = (double) real.column(spec.name()).missingCount() / real.rowCount();
            double ps = (double) syn.column(spec.name()).missingCount() / n;
            // Four standard errors of the difference of two proportions, plus one real row's worth.
            double tol = 4 * Math.sqrt(Math.max(pr * (1 - pr), 1e-4) * (1.0 / n + 1.0 / real.rowCount())) + 1.0 / real.rowCount();
            assertThat(Math.abs(ps - pr)).as("missing rate of %s: real %.4f, synthetic %.4f", spec.name(), pr, ps).isLessThanOrEqualTo(tol);
        }
    }

    private static void conditions(Synthesizer s) {
        FittedModel m = fitPlus(s, 5);
        Table syn = m.sample(List.of(Condition.parse("species=Gentoo"), Condition.parse("body_mass_g>=5000")), 2000, 8);
        assertThat(syn.rowCount()).isEqualTo(2000);
        for (int i = 0; i < syn.rowCount(); i++) {
            assertThat(syn.text(i, syn.indexOf("species"))).isEqualTo("Gentoo");
            assertThat(Integer.parseInt(syn.text(i, syn.indexOf("body_mass_g")))).isGreaterThanOrEqualTo(5000);
        }
        Table eq = m.sample(List.of(Condition.parse("flipper_length_mm=200")), 500, 8);
        for (int i = 0; i < eq.rowCount(); i++) assertThat(eq.text(i, eq.indexOf("flipper_length_mm"))).isEqualTo("200");
        Table range = m.sample(List.of(Condition.parse("bill_depth_mm in [15.5,16.5]")), 500, 8);
        for (int i = 0; i < range.rowCount(); i++) {
            assertThat(Double.parseDouble(range.text(i, range.indexOf("bill_depth_mm")))).isBetween(15.5, 16.5);
        }
        // Sets, exclusions and several conditions on one column: exact or by FittedModel's bounded search.
        Table rich = m.sample(List.of(Condition.parse("island in {Dream,Torgersen}"), Condition.parse("body_mass_g!=3800"),
                Condition.parse("flipper_length_mm>=185"), Condition.parse("flipper_length_mm<=205")), 1000, 8);
        assertThat(rich.rowCount()).isEqualTo(1000);
        for (int i = 0; i < rich.rowCount(); i++) {
            assertThat(rich.text(i, rich.indexOf("island"))).isIn("Dream", "Torgersen");
            assertThat(rich.text(i, rich.indexOf("body_mass_g"))).isNotEqualTo("3800");
            assertThat(Integer.parseInt(rich.text(i, rich.indexOf("flipper_length_mm")))).isBetween(185, 205);
        }
    }

    private void adult(Synthesizer configured) {
        ReadResult train = Fixtures.adultTrain();
        ReadResult holdout = Fixtures.adultTest();
        Metadata meta = Fixtures.adultMetadata();
        Synthesizer s = forAdult(configured);
        FittedModel m = FittedModel.fit(train.table(), meta, TextStyle.defaults(15), s, 1, train.source(), Progress.NONE);
        Table syn = m.sample(holdout.table().rowCount(), 1);
        double shapes = ColumnShapes.score(train.table(), syn, meta).value();
        System.out.printf("adult %s: column shapes %.4f%n", s.name(), shapes);
        assertThat(shapes).as("adult column shapes for %s", s.name()).isGreaterThanOrEqualTo(adultColumnShapeFloor());
        double synCopies = RowCopies.score(train.table(), syn, meta).value();
        double holdCopies = RowCopies.score(train.table(), holdout.table(), meta).value();
        int n = syn.rowCount();
        double tol = 3 * Math.sqrt(Math.max(holdCopies, 1.0 / n) / n);
        assertThat(synCopies).as("copies of training rows: synthetic vs real holdout %.5f", holdCopies).isLessThanOrEqualTo(holdCopies + tol);
    }

    static List<String> text(Table t) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < t.columnCount(); c++) sb.append(t.text(i, c)).append('|');
            rows.add(sb.toString());
        }
        return rows;
    }
}
