package dev.ersatz.synth.balance;

import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Balancing real tables end to end: counts, validity of every new value, determinism, generative rebalancing. */
class BalancerTest {

    static Balancer.Result run(Table t, Metadata meta, String target, Balancer.Options o, long seed) {
        return Balancer.balance(t, meta, TextStyle.defaults(t.columnCount()), target, o, seed, "test", false, Progress.NONE);
    }

    static Map<String, Long> classCounts(Table t, String col) {
        Map<String, Long> m = new HashMap<>();
        int c = t.indexOf(col);
        for (int i = 0; i < t.rowCount(); i++) if (t.text(i, c) != null) m.merge(t.text(i, c), 1L, Long::sum);
        return m;
    }

    /** Every new value is one a real row could hold: known categories, whole integers, numbers within the real range at the real precision. */
    static void assertValid(Table real, Table added, Metadata meta) {
        for (ColumnSpec spec : meta.columns()) {
            int rc = real.indexOf(spec.name()), ac = added.indexOf(spec.name());
            Set<String> seen = new HashSet<>();
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < real.rowCount(); i++) {
                String v = real.text(i, rc);
                if (v == null) continue;
                seen.add(v);
                if (spec.kind() == dev.ersatz.core.ColumnKind.NUMERIC || spec.kind() == dev.ersatz.core.ColumnKind.INTEGER) {
                    min = Math.min(min, Double.parseDouble(v));
                    max = Math.max(max, Double.parseDouble(v));
                }
            }
            for (int i = 0; i < added.rowCount(); i++) {
                String v = added.text(i, ac);
                if (v == null) continue;
                switch (spec.kind()) {
                    case CATEGORICAL, BOOLEAN -> assertThat(seen).as("%s row %d", spec.name(), i).contains(v);
                    case INTEGER -> {
                        assertThat(v).as("%s row %d", spec.name(), i).matches("-?\\d+");
                        assertThat(Double.parseDouble(v)).isBetween(min, max);
                    }
                    case NUMERIC -> {
                        assertThat(v).as("%s row %d", spec.name(), i).matches("-?\\d+(\\.\\d)?");
                        assertThat(Double.parseDouble(v)).isBetween(min, max);
                    }
                    default -> { }
                }
            }
        }
    }

    @Test
    void balance_penguinsEveryResampler_countsAsAskedAndEveryValueValid() {
        ReadResult p = Fixtures.penguins();
        Metadata meta = Fixtures.penguinsMetadata();
        for (String m : List.of("random", "smote", "smotenc", "borderline1", "borderline2", "adasyn", "auto")) {
            Balancer.Options o = Balancer.Options.defaults(m).withStrategy(SamplingStrategy.parse("all"));
            Balancer.Result r = run(p.table(), meta, "species", o, 1);
            // Adelie 152, Gentoo 124, Chinstrap 68: every class to 152.
            assertThat(r.before()).containsEntry("Adelie", 152L).containsEntry("Gentoo", 124L).containsEntry("Chinstrap", 68L);
            assertThat(r.asked()).containsEntry("Chinstrap", 84L).containsEntry("Gentoo", 28L).containsEntry("Adelie", 0L);
            Map<String, Long> added = classCounts(r.added(), "species");
            if (m.startsWith("borderline")) {
                assertThat(added.getOrDefault("Chinstrap", 0L) + added.getOrDefault("Gentoo", 0L)).as(m).isLessThanOrEqualTo(112L);
            } else if (m.equals("adasyn")) {
                assertThat(added).as(m).containsOnlyKeys("Chinstrap", "Gentoo");
            } else {
                assertThat(added).as(m).containsEntry("Chinstrap", 84L).containsEntry("Gentoo", 28L).doesNotContainKey("Adelie");
            }
            for (Map.Entry<String, Long> e : r.made().entrySet()) {
                assertThat(added.getOrDefault(e.getKey(), 0L)).as("%s made for %s", m, e.getKey()).isEqualTo(e.getValue());
            }
            assertValid(p.table(), r.added(), meta);
        }
    }

    @Test
    void balance_sameSeed_identicalRowsOnAnyThreadCount_otherSeedDiffers() {
        ReadResult p = Fixtures.penguins();
        Metadata meta = Fixtures.penguinsMetadata();
        for (String m : List.of("smotenc", "borderline2", "copula")) {
            Balancer.Options o = Balancer.Options.defaults(m);
            Table a = run(p.table(), meta, "species", o.withThreads(1), 7).added();
            Table b = run(p.table(), meta, "species", o.withThreads(4), 7).added();
            Table c = run(p.table(), meta, "species", o, 8).added();
            assertThat(rows(b)).as(m).isEqualTo(rows(a));
            assertThat(rows(c)).as(m).isNotEqualTo(rows(a));
        }
    }

    static List<String> rows(Table t) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < t.columnCount(); c++) sb.append(t.text(i, c)).append('|');
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void balance_generativeCopula_newRowsAllOfTheirClassAndFresh() {
        ReadResult p = Fixtures.penguins();
        Metadata meta = Fixtures.penguinsMetadata();
        for (boolean perClass : new boolean[] {false, true}) {
            Balancer.Options o = Balancer.Options.defaults("copula").withFitPerClass(perClass).withProximity(true);
            Balancer.Result r = run(p.table(), meta, "species", o, 3);
            assertThat(classCounts(r.added(), "species")).containsOnly(Map.entry("Chinstrap", 84L), Map.entry("Gentoo", 28L));
            assertValid(p.table(), r.added(), meta);
            assertThat(r.how()).contains(perClass ? "each class" : "conditionally");
            assertThat(r.proximity().newRows()).isEqualTo(112);
            assertThat(r.proximity().copies()).isZero();
        }
    }

    @Test
    void balance_proximity_copiesSitOnRealRowsAndSmoteBetweenThem() {
        ReadResult p = Fixtures.penguins();
        Metadata meta = Fixtures.penguinsMetadata();
        Proximity copies = run(p.table(), meta, "species", Balancer.Options.defaults("random").withProximity(true), 1).proximity();
        assertThat(copies.copies()).isEqualTo(copies.newRows());
        assertThat(copies.newMedian()).isZero();
        Proximity smote = run(p.table(), meta, "species", Balancer.Options.defaults("smotenc").withProximity(true), 1).proximity();
        assertThat(smote.newMedian()).isGreaterThan(0);
        assertThat(smote.realMedian()).isGreaterThan(0);
    }

    @Test
    void balance_adultSmotencToFiftyFifty_exactCountsAndValidRows() {
        ReadResult train = Fixtures.adultTrain();
        Metadata meta = Fixtures.adultMetadata();
        Balancer.Result r = run(train.table(), meta, "income", Balancer.Options.defaults("smotenc").withThreads(2), 11);
        assertThat(r.before()).containsOnly(Map.entry("<=50K", 24720L), Map.entry(">50K", 7841L));
        assertThat(r.added().rowCount()).isEqualTo(24720 - 7841);
        assertThat(classCounts(r.added(), "income")).containsOnly(Map.entry(">50K", 16879L));
        assertValid(train.table(), r.added(), meta);
        assertThat(r.real()).isSameAs(train.table());
    }

    @Test
    void balance_badTargets_areClearErrors() {
        ReadResult p = Fixtures.penguins();
        Metadata meta = Fixtures.penguinsMetadata();
        assertThatThrownBy(() -> run(p.table(), meta, "colour", Balancer.Options.defaults("smote"), 1))
                .isInstanceOf(InputException.class).hasMessageContaining("'colour'").hasMessageContaining("no such column");
        assertThatThrownBy(() -> run(p.table(), meta, "body_mass_g", Balancer.Options.defaults("smote"), 1))
                .isInstanceOf(InputException.class).hasMessageContaining("class column");
        assertThatThrownBy(() -> run(p.table(), meta, "species", Balancer.Options.defaults("smoten"), 1))
                .isInstanceOf(InputException.class).hasMessageContaining("smotenc");
        assertThatThrownBy(() -> Balancer.Options.defaults("magic"))
                .isInstanceOf(InputException.class).hasMessageContaining("resamplers: random, smote").hasMessageContaining("copula");
    }

    @Test
    void balance_rareClassBelowK_errorSaysHowToFix() {
        ReadResult p = Fixtures.penguins();
        Metadata meta = Fixtures.penguinsMetadata();
        // sex has 11 missing values: as a target those rows are kept, not resampled; asking k = 200 is too many.
        Balancer.Options o = new Balancer.Options("smote", SamplingStrategy.auto(), 200, 10, null, false, false, Map.of(), false, 1);
        assertThatThrownBy(() -> run(p.table(), meta, "sex", o, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("--k-neighbors").hasMessageContaining("offers");
        Balancer.Result r = run(p.table(), meta, "sex", Balancer.Options.defaults("smotenc"), 1);
        assertThat(r.notes()).anyMatch(n -> n.contains("11 row(s) have no value in 'sex'"));
    }

    @Test
    void balance_idColumn_newKeysNeverRepeatARealKey() {
        // penguins+ has a tag column P-0001..P-0344 (shape P-####, 10,000 keys): fresh keys would hit a real
        // one about 3% of the time; balancing to 152 per class adds 112 rows, so some would collide.
        Table t = Fixtures.penguinsPlus();
        Metadata meta = Fixtures.penguinsPlusMetadata();
        for (String m : List.of("smotenc", "copula")) {
            Balancer.Result r = Balancer.balance(t, meta, TextStyle.defaults(t.columnCount()), "species", Balancer.Options.defaults(m), 2,
                    "penguins+", false, Progress.NONE);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < t.rowCount(); i++) keys.add(t.text(i, t.indexOf("tag")));
            for (int i = 0; i < r.added().rowCount(); i++) {
                String k = r.added().text(i, r.added().indexOf("tag"));
                assertThat(k).matches("P-\\d{4}");
                assertThat(keys.add(k)).as("%s: key %s is new", m, k).isTrue();
            }
        }
    }
}
