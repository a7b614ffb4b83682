package dev.ersatz.synth.constraints;

import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.model.ModelFile;
import dev.ersatz.core.transform.Condition;
import dev.ersatz.core.transform.TextStyle;
import dev.ersatz.synth.FittedModel;
import dev.ersatz.synth.copula.GaussianCopula;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of constraint on one table, checked on the text a model writes (after rounding to each
 * column's precision), with missing values, conditions, a save/load round trip, and the bad-input
 * corpus for constraint files and for real rows that break a constraint.
 */
class ConstraintsTest {
    static final String[][] PLACES = {{"Oslo", "Norway"}, {"Bergen", "Norway"}, {"Lyon", "France"}, {"Paris", "France"}, {"Porto", "Portugal"}};

    static final String JSON = """
            {"constraints": [
              {"type": "inequality", "low": "checkin", "high": "checkout"},
              {"type": "range", "low": "low", "middle": "mid", "high": "high"},
              {"type": "fixedIncrements", "column": "price", "increment": 0.05},
              {"type": "formula", "column": "total", "expression": "net + tax"},
              {"type": "formula", "column": "amount", "expression": "qty * unit"},
              {"type": "oneHot", "columns": ["is_red", "is_green", "is_blue"]},
              {"type": "fixedCombinations", "columns": ["city", "country"]},
              {"type": "unique", "columns": ["serial"]},
              {"type": "positive", "column": "score", "strict": true}
            ]}""";

    static Constraints constraints() throws Exception {
        return Constraints.parse(ModelFile.mapper().readTree(JSON), "c.json");
    }

    static final List<String> NAMES = List.of("checkin", "checkout", "low", "mid", "high", "price", "net", "tax", "total", "qty", "unit", "amount",
            "is_red", "is_green", "is_blue", "city", "country", "serial", "score");

    /** 1,500 rows that keep every constraint; checkout and tax are sometimes missing. */
    static Table table(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[][] v = new String[NAMES.size()][n];
        LocalDate base = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < n; i++) {
            LocalDate in = base.plusDays(r.nextInt(365));
            v[0][i] = in.toString();
            v[1][i] = r.nextInt(10) == 0 ? null : in.plusDays(r.nextInt(15)).toString();
            int lo = r.nextInt(51), hi = lo + 10 + r.nextInt(51);
            v[2][i] = Integer.toString(lo);
            v[4][i] = Integer.toString(hi);
            v[3][i] = BigDecimal.valueOf(lo + r.nextDouble() * (hi - lo)).setScale(1, java.math.RoundingMode.HALF_UP).min(BigDecimal.valueOf(hi)).toPlainString();
            v[5][i] = BigDecimal.valueOf(5L * (1 + r.nextInt(400)), 2).toPlainString();
            BigDecimal net = BigDecimal.valueOf(1000 + r.nextInt(20000), 2);
            BigDecimal tax = r.nextInt(10) == 0 ? null : net.multiply(BigDecimal.valueOf(0.2)).setScale(2, java.math.RoundingMode.HALF_UP);
            v[6][i] = net.toPlainString();
            v[7][i] = tax == null ? null : tax.toPlainString();
            v[8][i] = tax == null ? net.toPlainString() : net.add(tax).toPlainString();
            int qty = 1 + r.nextInt(10);
            BigDecimal unit = BigDecimal.valueOf(5 + r.nextInt(200), 1);
            v[9][i] = Integer.toString(qty);
            v[10][i] = unit.toPlainString();
            v[11][i] = unit.multiply(BigDecimal.valueOf(qty)).toPlainString();
            int hot = r.nextInt(3);
            for (int k = 0; k < 3; k++) v[12 + k][i] = k == hot ? "1" : "0";
            String[] place = PLACES[r.nextInt(PLACES.length)];
            v[15][i] = place[0];
            v[16][i] = place[1];
            v[17][i] = Integer.toString(100_000 + 7 * i);
            v[18][i] = BigDecimal.valueOf(1 + r.nextInt(999), 2).toPlainString();
        }
        List<dev.ersatz.core.Column> cols = new ArrayList<>();
        for (int c = 0; c < NAMES.size(); c++) cols.add(new StringColumn(NAMES.get(c), v[c]));
        return new Table(cols);
    }

    static Metadata meta() {
        List<ColumnSpec> s = new ArrayList<>();
        s.add(ColumnSpec.datetime("checkin", "yyyy-MM-dd"));
        s.add(ColumnSpec.datetime("checkout", "yyyy-MM-dd"));
        for (String c : List.of("low", "high", "qty", "serial")) s.add(ColumnSpec.of(c, ColumnKind.INTEGER));
        for (String c : List.of("mid", "price", "net", "tax", "total", "unit", "amount", "score")) s.add(ColumnSpec.of(c, ColumnKind.NUMERIC));
        for (String c : List.of("is_red", "is_green", "is_blue", "city", "country")) s.add(ColumnSpec.of(c, ColumnKind.CATEGORICAL));
        s.sort(java.util.Comparator.comparingInt(x -> NAMES.indexOf(x.name())));
        return new Metadata(s);
    }

    static FittedModel fit(Table t, Constraints c, Constraints.OnViolation policy, List<String> notes) {
        return FittedModel.fit(t, meta(), TextStyle.defaults(t.columnCount()), new GaussianCopula(), 5, "stays.csv", Progress.NONE, c, policy, notes::add);
    }

    static BigDecimal dec(Table t, int row, String col) {
        String s = t.text(row, t.indexOf(col));
        return s == null ? null : new BigDecimal(s);
    }

    /** Every constraint, on every row of written text. */
    static void assertKept(Table t) {
        Set<String> serials = new HashSet<>();
        Set<String> places = new HashSet<>();
        for (String[] p : PLACES) places.add(p[0] + "|" + p[1]);
        for (int i = 0; i < t.rowCount(); i++) {
            String in = t.text(i, t.indexOf("checkin")), out = t.text(i, t.indexOf("checkout"));
            if (in != null && out != null) assertThat(out.compareTo(in)).as("row %d: %s >= %s", i, out, in).isGreaterThanOrEqualTo(0);
            BigDecimal lo = dec(t, i, "low"), mid = dec(t, i, "mid"), hi = dec(t, i, "high");
            assertThat(lo.compareTo(mid)).as("row %d: %s <= %s", i, lo, mid).isLessThanOrEqualTo(0);
            assertThat(mid.compareTo(hi)).as("row %d: %s <= %s", i, mid, hi).isLessThanOrEqualTo(0);
            BigDecimal price = dec(t, i, "price");
            assertThat(price.remainder(new BigDecimal("0.05")).signum()).as("row %d: price %s", i, price).isZero();
            BigDecimal net = dec(t, i, "net"), tax = dec(t, i, "tax"), total = dec(t, i, "total");
            if (tax != null) assertThat(total.compareTo(net.add(tax))).as("row %d: %s = %s + %s", i, total, net, tax).isZero();
            BigDecimal qty = dec(t, i, "qty"), unit = dec(t, i, "unit"), amount = dec(t, i, "amount");
            assertThat(amount.compareTo(qty.multiply(unit))).as("row %d: %s = %s * %s", i, amount, qty, unit).isZero();
            int hot = 0;
            for (String c : List.of("is_red", "is_green", "is_blue")) if ("1".equals(t.text(i, t.indexOf(c)))) hot++;
            assertThat(hot).as("row %d one-hot", i).isEqualTo(1);
            assertThat(places).contains(t.text(i, t.indexOf("city")) + "|" + t.text(i, t.indexOf("country")));
            assertThat(serials.add(t.text(i, t.indexOf("serial")))).as("serial %s unique", t.text(i, t.indexOf("serial"))).isTrue();
            assertThat(dec(t, i, "score").signum()).isPositive();
        }
    }

    @Test
    void sample_everyKind_keptOnEveryWrittenRow() throws Exception {
        Table real = table(1500, 1);
        FittedModel m = fit(real, constraints(), Constraints.OnViolation.FAIL, new ArrayList<>());
        Table syn = m.sample(20_000, 3);
        assertKept(syn);
        // Missing values survive the transforms at about the real rate (checkout 10%, tax 10%):
        // four binomial standard errors of the difference.
        for (String c : List.of("checkout", "tax")) {
            double pr = (double) real.column(c).missingCount() / real.rowCount(), ps = (double) syn.column(c).missingCount() / syn.rowCount();
            assertThat(Math.abs(ps - pr)).as(c).isLessThan(4 * Math.sqrt(pr * (1 - pr) * (1.0 / real.rowCount() + 1.0 / syn.rowCount())));
        }
    }

    @Test
    void saveLoad_withConstraints_sameBytesAndSameRows() throws Exception {
        FittedModel m = fit(table(1500, 1), constraints(), Constraints.OnViolation.FAIL, new ArrayList<>());
        FittedModel back = FittedModel.load(m.toBytes(), "memory");
        assertThat(back.toBytes()).isEqualTo(m.toBytes());
        assertThat(text(back.sample(3000, 4))).isEqualTo(text(m.sample(3000, 4)));
        assertThat(text(fit(table(1500, 1), constraints(), Constraints.OnViolation.FAIL, new ArrayList<>()).sample(3000, 4)))
                .isEqualTo(text(m.sample(3000, 4)));
    }

    static List<String> text(Table t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < t.columnCount(); c++) sb.append(t.text(i, c)).append('|');
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void conditions_onConstrainedColumns_metExactlyOrBySearch() throws Exception {
        FittedModel m = fit(table(1500, 1), constraints(), Constraints.OnViolation.FAIL, new ArrayList<>());
        List<Condition> where = List.of(Condition.parse("country=France"), Condition.parse("price>=10"), Condition.parse("is_red=1"),
                Condition.parse("score>5"), Condition.parse("total>100"));
        Table t = m.sample(where, 2000, 6);
        assertThat(t.rowCount()).isEqualTo(2000);
        assertKept(t);
        for (int i = 0; i < t.rowCount(); i++) {
            assertThat(t.text(i, t.indexOf("country"))).isEqualTo("France");
            assertThat(t.text(i, t.indexOf("city"))).isIn("Lyon", "Paris");
            assertThat(dec(t, i, "price")).isGreaterThanOrEqualTo(BigDecimal.TEN);
            assertThat(t.text(i, t.indexOf("is_red"))).isEqualTo("1");
            assertThat(dec(t, i, "score")).isGreaterThan(BigDecimal.valueOf(5));
            assertThat(dec(t, i, "total")).isGreaterThan(BigDecimal.valueOf(100));
        }
        // Combinations, one-hot groups, increments and scalar inequalities map exactly; a formula's column is searched.
        String how = m.conditioningMethod(where);
        assertThat(how).contains("bounded search for total>100").doesNotContain("search for country").doesNotContain("price>=10 and")
                .doesNotContain("search for price").doesNotContain("search for score");
    }

    @Test
    void violations_fail_nameConstraintCountAndRows() throws Exception {
        Table t = table(300, 2);
        String[] out = ((StringColumn) t.column("checkout")).values().clone();
        out[3] = "2022-01-01";
        out[40] = "2022-01-01";
        Table bad = t.with(new StringColumn("checkout", out));
        assertThatThrownBy(() -> fit(bad, constraints(), Constraints.OnViolation.FAIL, new ArrayList<>()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("stays.csv")
                .hasMessageContaining("constraint 1 (inequality checkin <= checkout)")
                .hasMessageContaining("2 of 300 rows break it (rows 4, 41)")
                .hasMessageContaining("--on-violation drop");
    }

    @Test
    void violations_drop_leavesThemOutAndSaysSo() throws Exception {
        Table t = table(300, 2);
        String[] total = ((StringColumn) t.column("total")).values().clone();
        String[] serial = ((StringColumn) t.column("serial")).values().clone();
        total[7] = "1.00";
        serial[9] = serial[8];
        Table bad = t.with(new StringColumn("total", total)).with(new StringColumn("serial", serial));
        List<String> notes = new ArrayList<>();
        FittedModel m = fit(bad, constraints(), Constraints.OnViolation.DROP, notes);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).contains("left out 2 row(s)").contains("formula total = net + tax").contains("row 8)").contains("unique serial").contains("row 10)");
        assertThat(m.provenance().get("rowsLeftOut").asInt()).isEqualTo(2);
        assertThat(m.provenance().get("rows").asInt()).isEqualTo(298);
        assertKept(m.sample(3000, 1));
    }

    @Test
    void declarations_bad_areOneLineErrorsNamingThem() {
        Table t = table(200, 3);
        String[][] cases = {
                {"{\"constraints\":[{\"type\":\"inequality\",\"low\":\"checkin\",\"high\":\"chekout\"}]}", "'chekout'", "no such column"},
                {"{\"constraints\":[{\"type\":\"fixedCombinations\",\"columns\":[\"city\",\"qty\"]}]}", "'qty'", "categorical or boolean"},
                {"{\"constraints\":[{\"type\":\"positive\",\"column\":\"city\"}]}", "'city'", "numeric"},
                {"{\"constraints\":[{\"type\":\"positive\",\"column\":\"score\"},{\"type\":\"fixedIncrements\",\"column\":\"score\",\"increment\":0.01}]}",
                        "constraint 2", "already rewritten by constraint 1"},
                {"{\"constraints\":[{\"type\":\"sorted\",\"column\":\"score\"}]}", "unknown constraint type", "sorted"},
                {"{\"constraints\":[{\"type\":\"formula\",\"column\":\"total\",\"expression\":\"net / tax\"}]}", "net / tax", "a + b"},
                {"{\"constraints\":[{\"type\":\"unique\",\"columns\":[\"city\",\"country\"]}]}", "several columns"},
                {"{\"constraints\":[{\"type\":\"oneHot\",\"columns\":[\"is_red\",\"city\"]}]}", "'city'", "0/1"},
                {"{\"constraints\":[{\"type\":\"fixedIncrements\",\"column\":\"price\",\"increment\":-1}]}", "positive number"},
                {"[1, 2]", "constraint 1", "JSON object"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> fit(t, Constraints.parse(ModelFile.mapper().readTree(c[0]), "c.json"), Constraints.OnViolation.FAIL, new ArrayList<>()))
                    .as(c[0]).isInstanceOf(InputException.class)
                    .satisfies(e -> {
                        for (int k = 1; k < c.length; k++) assertThat(e.getMessage()).contains(c[k]);
                        assertThat(e.getMessage()).doesNotContain("\n");
                    });
        }
    }
}
