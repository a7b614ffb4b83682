package dev.ersatz.synth.copula;

import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.eval.ColumnShapes;
import dev.ersatz.synth.Fixtures;
import dev.ersatz.synth.FittedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GaussianCopulaTest {
    private static ReadResult train;
    private static Metadata meta;
    private static FittedModel model;

    @BeforeAll
    static void fit() {
        train = Fixtures.adultTrain();
        meta = Fixtures.adultMetadata();
        model = FittedModel.fit(train.table(), meta, TextStyle.defaults(15), new GaussianCopula(), 42, train.source(), Progress.NONE);
    }

    /** Kolmogorov–Smirnov critical value at α = 0.001 for samples of n and m: c(α)·√((n+m)/(nm)). */
    private static double ksCritical(int n, int m) {
        return 1.95 * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    @Test
    void adult_columnShapes_meetTargetIncludingZeroInflatedColumns() {
        Table syn = model.sample(train.table().rowCount(), 1);
        var score = ColumnShapes.score(train.table(), syn, meta);
        assertThat(score.value()).isGreaterThanOrEqualTo(0.97);
        // SDV's copula scores 0.09 on capital_gain (92% zeros, heavy tail); the empirical marginal keeps the atom.
        assertThat(score.details().get("capital_gain")).isGreaterThanOrEqualTo(0.97);
        assertThat(score.details().get("capital_loss")).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void sample_oneCondition_matchesRejectionFromUnconditionalSamples() {
        Table cond = model.sample(List.of(Condition.parse("sex=Female")), 20_000, 3);
        Table all = model.sample(80_000, 4);
        Table rejected = filter(all, "sex", "Female");
        assertThat(rejected.rowCount()).isGreaterThan(20_000);
        for (int i = 0; i < cond.rowCount(); i++) assertThat(cond.text(i, cond.indexOf("sex"))).isEqualTo("Female");
        double ks = ColumnShapes.ksStatistic(sorted(cond.column("age")), sorted(rejected.column("age")));
        assertThat(ks).isLessThan(ksCritical(cond.rowCount(), rejected.rowCount()));
        double tv = ColumnShapes.totalVariation(cond.column("income"), rejected.column("income"));
        assertThat(tv).isLessThan(4 * Math.sqrt(0.25 * (1.0 / cond.rowCount() + 1.0 / rejected.rowCount())));
    }

    @Test
    void sample_twoConditions_gibbsMatchesRejection() {
        List<Condition> given = List.of(Condition.parse("sex=Female"), Condition.parse("age>=50"));
        assertThat(model.conditioningMethod(given)).contains("Gibbs");
        Table cond = model.sample(given, 8_000, 5);
        Table all = model.sample(200_000, 6);
        Table rejected = filterAge(filter(all, "sex", "Female"), 50);
        assertThat(rejected.rowCount()).isGreaterThan(5_000);
        for (int i = 0; i < cond.rowCount(); i++) assertThat(Integer.parseInt(cond.text(i, cond.indexOf("age")))).isGreaterThanOrEqualTo(50);
        double ks = ColumnShapes.ksStatistic(sorted(cond.column("hours_per_week")), sorted(rejected.column("hours_per_week")));
        assertThat(ks).isLessThan(ksCritical(cond.rowCount(), rejected.rowCount()));
        double ksAge = ColumnShapes.ksStatistic(sorted(cond.column("age")), sorted(rejected.column("age")));
        assertThat(ksAge).isLessThan(ksCritical(cond.rowCount(), rejected.rowCount()));
    }

    @Test
    void sampleTo_manyThreads_sameRowsAsOneThread() {
        List<Table> one = new ArrayList<>(), four = new ArrayList<>();
        model.sampleTo(one::add, 50_000, 9, List.of(), false, 1, Progress.NONE);
        model.sampleTo(four::add, 50_000, 9, List.of(), false, 4, Progress.NONE);
        assertThat(four).hasSameSizeAs(one);
        for (int k = 0; k < one.size(); k++) {
            for (int c = 0; c < 15; c++) {
                for (int r = 0; r < one.get(k).rowCount(); r += 97) assertThat(four.get(k).text(r, c)).isEqualTo(one.get(k).text(r, c));
            }
        }
    }

    @Test
    void sample_zeroRows_givesEmptyTableWithSchema() {
        Table t = model.sample(0, 1);
        assertThat(t.rowCount()).isZero();
        assertThat(t.names()).isEqualTo(train.table().names());
    }

    @Test
    void numericMarginal_atomsKeepTheirMassAndGapsAreSmoothed() {
        double[] v = new double[1000];
        for (int i = 0; i < 1000; i++) v[i] = i < 900 ? 0 : 1000 + i;
        NumericMarginal m = NumericMarginal.fit(v.clone(), 2048);
        assertThat(m.quantile(0.5)).isZero();
        assertThat(m.quantile(0.899)).isZero();
        assertThat(m.uAtMost(0)).isCloseTo(0.8995, org.assertj.core.data.Offset.offset(1e-9));
        double mid = m.quantile(0.95);
        assertThat(mid).isBetween(1900.0, 1960.0);
    }

    private static Table filter(Table t, String column, String value) {
        int c = t.indexOf(column);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) if (value.equals(t.text(i, c))) keep.add(i);
        return t.select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Table filterAge(Table t, int min) {
        int c = t.indexOf("age");
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) if (Integer.parseInt(t.text(i, c)) >= min) keep.add(i);
        return t.select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double[] sorted(Column c) {
        double[] v = new double[c.size()];
        int n = 0;
        for (int i = 0; i < c.size(); i++) if (c.text(i) != null) v[n++] = Double.parseDouble(c.text(i));
        double[] out = java.util.Arrays.copyOf(v, n);
        java.util.Arrays.sort(out);
        return out;
    }

    @Test
    void fit_categoryDeterminedByANumber_categoriesOrderedSoTheLinkSurvives() {
        // 'grade' is a function of 'score' (A for 0-1, B for 2-3, ...), with frequencies that do not
        // follow the score order: frequency-ordered intervals would scramble the link.
        int n = 4000;
        String[] score = new String[n], grade = new String[n];
        int[] weights = {1, 5, 2, 9, 3};
        int total = java.util.Arrays.stream(weights).sum();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(total), g = 0;
            while (pick >= weights[g]) pick -= weights[g++];
            int s = 2 * g + r.nextInt(2);
            score[i] = Integer.toString(s);
            grade[i] = String.valueOf((char) ('A' + g));
        }
        Table t = new Table(List.of(new dev.ersatz.core.StringColumn("score", score), new dev.ersatz.core.StringColumn("grade", grade)));
        Metadata m = new Metadata(List.of(ColumnSpec.of("score", dev.ersatz.core.ColumnKind.INTEGER),
                ColumnSpec.of("grade", dev.ersatz.core.ColumnKind.CATEGORICAL)));
        double association = consistentShare(t, m, new GaussianCopula());
        double frequency = consistentShare(t, m, GaussianCopula.fromOptions(java.util.Map.of("categoryOrder", "frequency")));
        // Ten standard errors of a difference of two proportions over 20,000 rows each.
        double se = Math.sqrt(0.25 * 2 / 20_000.0);
        assertThat(association - frequency).as("association %.3f vs frequency %.3f", association, frequency).isGreaterThan(10 * se);
    }

    private static double consistentShare(Table t, Metadata m, GaussianCopula copula) {
        FittedModel fm = FittedModel.fit(t, m, TextStyle.defaults(2), copula, 3, "grades", Progress.NONE);
        Table syn = fm.sample(20_000, 4);
        int consistent = 0;
        for (int i = 0; i < syn.rowCount(); i++) {
            int s = Integer.parseInt(syn.text(i, 0));
            if (syn.text(i, 1).equals(String.valueOf((char) ('A' + s / 2)))) consistent++;
        }
        return consistent / 20_000.0;
    }
}
