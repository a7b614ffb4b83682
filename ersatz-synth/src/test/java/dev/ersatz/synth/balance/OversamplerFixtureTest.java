package dev.ersatz.synth.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.TableReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deterministic parts of the SMOTE family against references computed by scikit-learn and
 * imbalanced-learn on real data ({@code src/test/python/make_balance_fixtures.py}, which says how):
 * nearest neighbours, Borderline-SMOTE's danger set, ADASYN's rows per base row, SMOTE-NC's median
 * standard deviation and mixed distance, SMOTE-N's value difference metric.
 *
 * <p>Neighbour lists must match index for index, except where two neighbours lie at the same
 * distance (ties may be ordered differently by scikit-learn's tree); there the distances must match.
 * Distances must agree to 1e-9 relative: both sides compute the same sums in double precision, in a
 * different order.
 */
class OversamplerFixtureTest {
    private static final double REL = 1e-9;

    static Path datasets() {
        return Path.of(System.getProperty("ersatz.datasets", "../../shared/datasets"));
    }

    static Path examples() {
        return Path.of(System.getProperty("ersatz.examples", "../examples"));
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = OversamplerFixtureTest.class.getResourceAsStream("/balance/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    /** ecoli as numeric features, imU (1) against the rest (0). */
    static Oversampler.Data ecoli() {
        Path p = datasets().resolve("ecoli_imbalanced/ecoli_clean.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset absent: " + p);
        Table t = TableReader.read(p.toString()).table();
        int n = t.rowCount();
        double[][] num = new double[7][n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 7; j++) num[j][i] = Double.parseDouble(t.text(i, j));
            y[i] = t.text(i, 7).equals("imU") ? 1 : 0;
        }
        return new Oversampler.Data(y, 2, num, new int[0][], new int[0], new String[0][]);
    }

    static Oversampler over(Oversampler.Data d, Method m, int k) {
        return new Oversampler(d, new Oversampler.Params(m, k, 10, null, false, 2));
    }

    static int[] members(Oversampler.Data d, int cls) {
        return java.util.stream.IntStream.range(0, d.n).filter(i -> d.y[i] == cls).toArray();
    }

    /** Neighbour lists equal, allowing reordering only among equal distances. */
    static void assertSameNeighbours(String what, int[] ours, JsonNode theirs, JsonNode theirDist, int k, DistanceFn dist, int[] bases) {
        for (int i = 0; i < bases.length; i++) {
            double[] expected = new double[k];
            for (int q = 0; q < k; q++) expected[q] = theirDist.get(i).get(q).asDouble();
            for (int q = 0; q < k; q++) {
                double mine = dist.apply(bases[i], ours[i * k + q]);
                assertThat(mine).as("%s: row %d, neighbour %d distance", what, bases[i], q).isCloseTo(expected[q], org.assertj.core.api.Assertions.within(REL * Math.max(1, expected[q])));
                int theirs_q = theirs.get(i).get(q).asInt();
                boolean tied = (q > 0 && Math.abs(expected[q] - expected[q - 1]) <= REL * Math.max(1, expected[q]))
                        || (q + 1 < k && Math.abs(expected[q] - expected[q + 1]) <= REL * Math.max(1, expected[q]));
                if (!tied) assertThat(ours[i * k + q]).as("%s: row %d, neighbour %d", what, bases[i], q).isEqualTo(theirs_q);
            }
        }
    }

    interface DistanceFn {
        double apply(int a, int b);
    }

    @Test
    void smote_ecoliImU_neighboursMatchScikitLearn() throws IOException {
        Oversampler.Data d = ecoli();
        JsonNode f = fixture("ecoli.json").get("smote");
        int[] m = members(d, 1);
        assertThat(m).containsExactly(ints(f.get("rows")));
        int[] nns = over(d, Method.SMOTE, 5).smoteNeighbours(m, 5);
        assertSameNeighbours("smote", nns, f.get("neighbours"), f.get("distances"), 5, (a, b) -> euclid(d.num, a, b), m);
    }

    static double euclid(double[][] num, int a, int b) {
        double s = 0;
        for (double[] c : num) s += (c[a] - c[b]) * (c[a] - c[b]);
        return Math.sqrt(s);
    }

    @Test
    void borderline_ecoliImU_dangerSetMatchesImbalancedLearn() throws IOException {
        Oversampler.Data d = ecoli();
        Oversampler o = over(d, Method.BORDERLINE1, 5);
        int[] danger = o.danger(1, members(d, 1), o.wholeTree(), 10);
        assertThat(danger).containsExactly(ints(fixture("ecoli.json").get("danger")));
    }

    @Test
    void adasyn_ecoliImU_rowsPerBaseRowMatchImbalancedLearn() throws IOException {
        Oversampler.Data d = ecoli();
        JsonNode f = fixture("ecoli.json").get("adasyn");
        int[] per = over(d, Method.ADASYN, 5).adasynCounts(1, "imU", members(d, 1), f.get("asked").asInt());
        assertThat(per).containsExactly(ints(f.get("perRow")));
        assertThat(Arrays.stream(per).sum()).isEqualTo(f.get("total").asInt()).isNotEqualTo(f.get("asked").asInt());
    }

    @Test
    void adasyn_ecoliImU_makesTheRoundedTotalFromTheWeightedRows() throws IOException {
        Oversampler.Data d = ecoli();
        JsonNode f = fixture("ecoli.json").get("adasyn");
        Oversampler.NewRows r = over(d, Method.ADASYN, 5).sample(1, "imU", f.get("asked").asInt(), new java.util.SplittableRandom(3));
        assertThat(r.count()).isEqualTo(f.get("total").asInt());
        assertThat(r.note()).contains("rounded").contains("265").contains("266");
    }

    /** penguins without missing values: 4 numeric columns, island, sex and year categorical, species the target. */
    static Oversampler.Data penguins(List<String> classOrder) {
        Table t = TableReader.read(examples().resolve("penguins.csv").toString()).table();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            boolean ok = true;
            for (int c = 0; c < t.columnCount(); c++) if (t.text(i, c) == null) ok = false;
            if (ok) keep.add(i);
        }
        int n = keep.size();
        double[][] num = new double[4][n];
        int[][] cat = new int[3][n];
        int[] catCols = {1, 6, 7};
        String[][] names = new String[3][];
        for (int f = 0; f < 3; f++) {
            TreeMap<String, Integer> lv = new TreeMap<>();
            for (int r : keep) lv.putIfAbsent(t.text(r, catCols[f]), 0);
            names[f] = lv.keySet().toArray(String[]::new);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int r = keep.get(i);
            for (int j = 0; j < 4; j++) num[j][i] = Double.parseDouble(t.text(r, 2 + j));
            for (int f = 0; f < 3; f++) cat[f][i] = Arrays.asList(names[f]).indexOf(t.text(r, catCols[f]));
            y[i] = classOrder.indexOf(t.text(r, 0));
        }
        return new Oversampler.Data(y, classOrder.size(), num, cat, new int[] {names[0].length, names[1].length, names[2].length}, names);
    }

    @Test
    void smotenc_penguins_medianStdAndMixedNeighboursMatchTheDefinition() throws IOException {
        List<String> classes = List.of("Adelie", "Chinstrap", "Gentoo");
        Oversampler.Data d = penguins(classes);
        JsonNode f = fixture("penguins.json");
        assertThat(d.n).isEqualTo(f.get("rows").asInt());
        Oversampler o = over(d, Method.SMOTENC, 5);
        for (String cls : List.of("Chinstrap", "Gentoo")) {
            JsonNode c = f.get("classes").get(cls);
            int[] m = members(d, classes.indexOf(cls));
            assertThat(m).containsExactly(ints(c.get("rows")));
            double med = o.smotencMedian(m);
            assertThat(med).isCloseTo(c.get("medianStd").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
            int[] nns = o.smotencNeighbours(m, 5);
            assertSameNeighbours("smotenc " + cls, nns, c.get("neighbours"), c.get("distances"), 5, (a, b) -> {
                double s = 0;
                for (double[] col : d.num) s += (col[a] - col[b]) * (col[a] - col[b]);
                for (int[] col : d.cat) if (col[a] != col[b]) s += med * med;
                return Math.sqrt(s);
            }, m);
        }
    }

    @Test
    void smoten_coil2000_valueDifferenceMetricMatchesImbalancedLearn() throws IOException {
        Path p = datasets().resolve("coil2000_ticdata_imbalanced/ticdata.csv");
        Assumptions.assumeTrue(Files.exists(p), "shared dataset absent: " + p);
        JsonNode f = fixture("vdm.json");
        Table t = TableReader.read(p.toString()).table();
        List<String> cols = new ArrayList<>();
        for (JsonNode c : f.get("columns")) cols.add(c.asText());
        int n = 3000;
        int[][] cat = new int[cols.size()][n];
        String[][] names = new String[cols.size()][];
        int[] levels = new int[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            int c = t.indexOf(cols.get(j));
            TreeMap<String, Integer> lv = new TreeMap<>();
            for (int i = 0; i < n; i++) lv.putIfAbsent(t.text(i, c), 0);
            names[j] = lv.keySet().toArray(String[]::new);
            levels[j] = names[j].length;
            for (int i = 0; i < n; i++) cat[j][i] = Arrays.asList(names[j]).indexOf(t.text(i, c));
        }
        int target = t.indexOf("CARAVAN");
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = t.text(i, target).equals("insurance") ? 1 : 0;
        Oversampler.Data d = new Oversampler.Data(y, 2, new double[0][], cat, levels, names);
        Oversampler o = over(d, Method.SMOTEN, 5);
        double[][] tables = new double[cols.size()][];
        for (int j = 0; j < tables.length; j++) tables[j] = o.vdmTable(j);
        for (JsonNode pair : f.get("pairs")) {
            int a = pair.get(0).asInt(), b = pair.get(1).asInt();
            double s = 0;
            for (int j = 0; j < tables.length; j++) s += tables[j][(cat[j][a] + 1) * (levels[j] + 1) + cat[j][b] + 1];
            assertThat(s).as("VDM(%d, %d)", a, b).isCloseTo(pair.get(2).asDouble(), org.assertj.core.api.Assertions.within(1e-12));
        }
        int[] m = members(d, 1);
        assertThat(m).containsExactly(ints(f.get("rows")));
        double[] dist = new double[m.length * 5];
        o.smotenNeighbours(m, 5, dist);
        for (int i = 0; i < m.length; i++) {
            for (int q = 0; q < 5; q++) {
                double expected = f.get("squaredDistances").get(i).get(q).asDouble();
                assertThat(dist[i * 5 + q] * dist[i * 5 + q]).as("row %d, neighbour %d", m[i], q)
                        .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1e-6, expected)));
            }
        }
    }
}
