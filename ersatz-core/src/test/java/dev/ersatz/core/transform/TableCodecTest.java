package dev.ersatz.core.transform;

import dev.ersatz.core.CategoricalColumn;
import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableCodecTest {

    private static Table table(String[]... cols) {
        List<StringColumn> out = new ArrayList<>();
        for (String[] c : cols) out.add(new StringColumn(c[0], java.util.Arrays.copyOfRange(c, 1, c.length)));
        return new Table(out);
    }

    @Test
    void encodeDecode_numbersAndDates_roundTripTextExactly() {
        Table raw = table(new String[] {"x", "1.5", "2", null, "-3.25"},
                new String[] {"d", "2024-01-31", "2023-12-01", "2024-02-29", null});
        Metadata meta = new Metadata(List.of(ColumnSpec.of("x", ColumnKind.NUMERIC), ColumnSpec.datetime("d", "yyyy-MM-dd")));
        TableCodec codec = TableCodec.fit(raw, meta, null, "t.csv");
        Table model = codec.encode(raw, "t.csv", 1);
        Table back = codec.decode(model, 4, 0, 1, false);
        for (int r = 0; r < 4; r++) for (int c = 0; c < 2; c++) assertThat(back.text(r, c)).isEqualTo(raw.text(r, c));
        Table typed = codec.decode(model, 4, 0, 1, true);
        assertThat(typed.text(0, 1)).isEqualTo("2024-01-31");
        assertThat(codec.outputTypes()).containsExactly(SourceType.DOUBLE, SourceType.DATE);
    }

    @Test
    void decode_numeric_clampsToBoundsAndRoundsToPrecision() {
        Table raw = table(new String[] {"x", "1.5", "2.0", "3.5"});
        TableCodec codec = TableCodec.fit(raw, new Metadata(List.of(ColumnSpec.of("x", ColumnKind.NUMERIC))), null, "t");
        Table model = new Table(List.of(new NumericColumn("x", new double[] {0.2, 2.449, 9.0})));
        Table out = codec.decode(model, 3, 0, 0, false);
        assertThat(out.text(0, 0)).isEqualTo("1.5");
        assertThat(out.text(1, 0)).isEqualTo("2.4");
        assertThat(out.text(2, 0)).isEqualTo("3.5");
    }

    @Test
    void encode_textInIntegerColumn_namesRowColumnAndValue() {
        Table raw = table(new String[] {"age", "31", "forty", "50"});
        Metadata meta = new Metadata(List.of(ColumnSpec.of("age", ColumnKind.INTEGER)));
        assertThatThrownBy(() -> TableCodec.fit(raw, meta, null, "people.csv"))
                .isInstanceOf(InputException.class)
                .hasMessage("people.csv: row 2, column 'age', value \"forty\": not a number (metadata says integer)");
    }

    @Test
    void fit_rareCategories_areNotLearnedUnlessKept() {
        List<String> values = new ArrayList<>(Collections.nCopies(50, "common"));
        values.addAll(Collections.nCopies(20, "other"));
        values.addAll(List.of("unique-person", "twice", "twice"));
        String[] col = new String[values.size() + 1];
        col[0] = "c";
        for (int i = 0; i < values.size(); i++) col[i + 1] = values.get(i);
        Table raw = table(col);
        TableCodec codec = TableCodec.fit(raw, new Metadata(List.of(ColumnSpec.of("c", ColumnKind.CATEGORICAL))), null, "t");
        assertThat(codec.modelColumns().get(0).levels()).containsExactly("common", "other");
        CategoricalColumn enc = (CategoricalColumn) codec.encode(raw, "t", 3).column(0);
        for (int code : enc.codes()) assertThat(code).isBetween(0, 1);
        assertThat(codec.toJson().toString()).doesNotContain("unique-person").doesNotContain("twice");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("c=twice"))))
                .isInstanceOf(InputException.class).hasMessageContaining("rare category");

        ColumnSpec keep = new ColumnSpec("c", ColumnKind.CATEGORICAL, null, null, null, List.of("twice"));
        TableCodec kept = TableCodec.fit(raw, new Metadata(List.of(keep)), null, "t");
        assertThat(kept.modelColumns().get(0).levels()).containsExactly("common", "other", "twice");
    }

    @Test
    void datetime_varyingOffsets_becomeAModelColumnAndAreKept() {
        Table raw = table(new String[] {"t", "2024-03-01T10:00:00+01:00", "2024-03-02T11:30:00-05:00", "2024-03-03T12:00:00+01:00"});
        Metadata meta = new Metadata(List.of(ColumnSpec.datetime("t", "yyyy-MM-dd'T'HH:mm:ssXXX")));
        TableCodec codec = TableCodec.fit(raw, meta, null, "t");
        assertThat(codec.modelColumns()).hasSize(2);
        assertThat(codec.modelColumns().get(1).categorical()).isTrue();
        Table back = codec.decode(codec.encode(raw, "t", 0), 3, 0, 0, false);
        for (int r = 0; r < 3; r++) assertThat(back.text(r, 0)).isEqualTo(raw.text(r, 0));
    }

    @Test
    void translate_unknownColumnOrValue_isOneLineError() {
        Table raw = table(new String[] {"sex", "Male", "Female", "Male", "Female", "Male", "Female", "Male", "Female", "Male", "Female"},
                new String[] {"age", "30", "40", "50", "60", "70", "30", "40", "50", "60", "70"});
        Metadata meta = new Metadata(List.of(ColumnSpec.of("sex", ColumnKind.CATEGORICAL), ColumnSpec.of("age", ColumnKind.INTEGER)));
        TableCodec codec = TableCodec.fit(raw, meta, null, "t");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("gender=Female"))))
                .isInstanceOf(InputException.class).hasMessageContaining("'gender'").hasMessageContaining("no such column");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("sex=Other"))))
                .isInstanceOf(InputException.class).hasMessageContaining("\"Other\"").hasMessageContaining("Male, Female");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("age>200"))))
                .isInstanceOf(InputException.class).hasMessageContaining("learned range 30 to 70");
        ModelCondition eq = codec.translate(List.of(Condition.parse("age=40"))).get(0);
        assertThat(eq.low()).isGreaterThan(39.5).isLessThan(39.5001);
        assertThat(eq.high()).isLessThan(40.5).isGreaterThan(40.4999);
    }

    @Test
    void decode_monthlyDates_stayOnTheFirstOfTheMonth() {
        String[] col = new String[25];
        col[0] = "date";
        for (int i = 0; i < 24; i++) col[i + 1] = String.format("%d-%02d-01", 2000 + i / 12, 1 + i % 12);
        Table raw = table(col);
        TableCodec codec = TableCodec.fit(raw, new Metadata(List.of(ColumnSpec.datetime("date", "yyyy-MM-dd"))), null, "t");
        double[] t = new double[200];
        double lo = ((NumericColumn) codec.encode(raw, "t", 0).column(0)).get(0);
        for (int i = 0; i < t.length; i++) t[i] = lo + i * 3.7 * 86400;
        Table out = codec.decode(new Table(List.of(new NumericColumn("date", t))), t.length, 0, 0, false);
        for (int i = 0; i < t.length; i++) {
            assertThat(out.text(i, 0)).endsWith("-01");
            assertThat(out.text(i, 0).compareTo("2001-12-01")).isLessThanOrEqualTo(0);
        }
        assertThat(out.text(0, 0)).isEqualTo("2000-01-01");
        assertThat(out.text(5, 0)).isEqualTo("2000-02-01");
    }

    static TableCodec people() {
        Table raw = table(new String[] {"sex", "Male", "Female", "Male", "Female", "Male", "Female", "Male", "Female", "Male", "Other"},
                new String[] {"age", "30", "40", "50", "60", "70", "30", "40", "50", "60", "70"},
                new String[] {"score", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0", "5.5", "6.0"});
        Metadata meta = new Metadata(List.of(new ColumnSpec("sex", ColumnKind.CATEGORICAL, null, null, 1, null),
                ColumnSpec.of("age", ColumnKind.INTEGER), ColumnSpec.of("score", ColumnKind.NUMERIC)));
        return TableCodec.fit(raw, meta, null, "t");
    }

    @Test
    void translate_severalConditionsOnAColumn_combineIntoOneInterval() {
        List<ModelCondition> c = people().translate(List.of(Condition.parse("age>=35"), Condition.parse("age<60")));
        assertThat(c).hasSize(1);
        assertThat(c.get(0).simple()).isTrue();
        assertThat(c.get(0).low()).isBetween(34.5, 34.5001);
        assertThat(c.get(0).high()).isBetween(59.4999, 59.5);
        assertThat(c.get(0).text()).isEqualTo("age>=35 and age<60");
    }

    @Test
    void translate_setsAndNotEquals_becomeUnions() {
        TableCodec codec = people();
        ModelCondition in = codec.translate(List.of(Condition.parse("age in {30,50}"))).get(0);
        assertThat(in.simple()).isFalse();
        assertThat(in.intervalCount()).isEqualTo(2);
        assertThat(in.accepts(30.2)).isTrue();
        assertThat(in.accepts(40)).isFalse();
        assertThat(in.accepts(50.49)).isTrue();
        ModelCondition ne = codec.translate(List.of(Condition.parse("age!=40"))).get(0);
        assertThat(ne.intervalCount()).isEqualTo(2);
        assertThat(ne.accepts(39.6)).isFalse();
        assertThat(ne.accepts(40.4)).isFalse();
        assertThat(ne.accepts(39.4)).isTrue();
        assertThat(ne.accepts(41)).isTrue();
        assertThat(ne.nearest(40.2)).isBetween(40.5, 40.5001);
        ModelCondition cats = codec.translate(List.of(Condition.parse("sex in {Male,Other}"))).get(0);
        assertThat(cats.codes()).containsExactly(0, 2);
        ModelCondition notMale = codec.translate(List.of(Condition.parse("sex!=Male"))).get(0);
        assertThat(notMale.codes()).containsExactly(1, 2);
        ModelCondition both = codec.translate(List.of(Condition.parse("sex not in {Male}"), Condition.parse("sex in {Female,Male}"))).get(0);
        assertThat(both.codes()).containsExactly(1);
        assertThat(both.simple()).isTrue();
    }

    @Test
    void translate_boundsSnapToTheColumnsGrid() {
        // score is recorded to one decimal (steps of 0.1): score>=2.55 means score >= 2.6, score>2.5 too.
        TableCodec codec = people();
        assertThat(codec.translate(List.of(Condition.parse("score>=2.55"))).get(0).low()).isBetween(2.55, 2.5501);
        assertThat(codec.translate(List.of(Condition.parse("score>2.5"))).get(0).low()).isBetween(2.55, 2.5501);
        assertThat(codec.translate(List.of(Condition.parse("score<=2.55"))).get(0).high()).isBetween(2.5499, 2.55);
        assertThat(codec.translate(List.of(Condition.parse("score<2.5"))).get(0).high()).isBetween(2.4499, 2.45);
    }

    @Test
    void translate_impossibleCombinations_nameTheConditions() {
        TableCodec codec = people();
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("age>60"), Condition.parse("age<40"))))
                .isInstanceOf(InputException.class).hasMessageContaining("'age'").hasMessageContaining("age>60 and age<40").hasMessageContaining("cannot all hold");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("sex=Male"), Condition.parse("sex!=Male"))))
                .isInstanceOf(InputException.class).hasMessageContaining("sex=Male and sex!=Male");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("score=2.55"))))
                .isInstanceOf(InputException.class).hasMessageContaining("finer than the column's precision").hasMessageContaining("0.1");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("age in {30,200}"))))
                .isInstanceOf(InputException.class).hasMessageContaining("\"200\"").hasMessageContaining("30 to 70");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("sex not in {Mail}"))))
                .isInstanceOf(InputException.class).hasMessageContaining("\"Mail\"").hasMessageContaining("not a learned category");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("sex>Male"))))
                .isInstanceOf(InputException.class).hasMessageContaining("categorical column takes");
        assertThatThrownBy(() -> codec.translate(List.of(Condition.parse("age in [60,40]"))))
                .isInstanceOf(InputException.class).hasMessageContaining("range is empty");
    }
}
