package dev.ersatz.core.detect;

import dev.ersatz.core.ColumnKind;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.PiiType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.format.DatetimeFormat;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.ersatz.core.ColumnKind.CATEGORICAL;
import static dev.ersatz.core.ColumnKind.BOOLEAN;
import static dev.ersatz.core.ColumnKind.INTEGER;
import static dev.ersatz.core.ColumnKind.NUMERIC;
import static dev.ersatz.core.ColumnKind.PII;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection on the shared real datasets. The expected kinds were checked by hand against the data
 * (distinct counts, value shapes) and SDV's rules; each surprising one says why.
 */
class DatasetDetectionTest {

    private static Map<String, ColumnKind> kinds(Metadata m) {
        Map<String, ColumnKind> out = new LinkedHashMap<>();
        for (ColumnSpec c : m.columns()) out.put(c.name(), c.kind());
        return out;
    }

    @Test
    void detect_adultTrain_givesIntegersAndCategories() {
        Metadata m = MetadataDetector.detect(Datasets.readCsv("adult/adult_train.csv"));
        Map<String, ColumnKind> expected = new LinkedHashMap<>();
        expected.put("age", INTEGER);
        expected.put("workclass", CATEGORICAL);
        expected.put("fnlwgt", INTEGER);          // 21,648 distinct of 32,561: not unique, so not an ID
        expected.put("education", CATEGORICAL);
        expected.put("education_num", INTEGER);   // 16 distinct > SDV's cap of 10
        expected.put("marital_status", CATEGORICAL);
        expected.put("occupation", CATEGORICAL);
        expected.put("relationship", CATEGORICAL);
        expected.put("race", CATEGORICAL);
        expected.put("sex", CATEGORICAL);         // Female/Male is not a boolean pair
        expected.put("capital_gain", INTEGER);
        expected.put("capital_loss", INTEGER);
        expected.put("hours_per_week", INTEGER);
        expected.put("native_country", CATEGORICAL);
        expected.put("income", CATEGORICAL);
        assertThat(kinds(m)).containsExactlyEntriesOf(expected);
        assertThat(m.columns()).allSatisfy(c -> assertThat(c.format()).isNull());
    }

    @Test
    void detect_adultTestSplit_matchesTrainSplit() {
        assertThat(MetadataDetector.detect(Datasets.readCsv("adult/adult_test.csv")))
                .isEqualTo(MetadataDetector.detect(Datasets.readCsv("adult/adult_train.csv")));
    }

    @Test
    void detect_penguins_yearIsCategoricalBySdvRule() {
        Metadata m = MetadataDetector.detect(Datasets.readCsv("palmer_penguins/penguins.csv"));
        Map<String, ColumnKind> expected = new LinkedHashMap<>();
        expected.put("species", CATEGORICAL);
        expected.put("island", CATEGORICAL);
        expected.put("bill_length_mm", NUMERIC);
        expected.put("bill_depth_mm", NUMERIC);
        expected.put("flipper_length_mm", INTEGER);
        expected.put("body_mass_g", INTEGER);
        expected.put("sex", CATEGORICAL);
        expected.put("year", CATEGORICAL);        // 2007-2009: 3 distinct <= min(round(344 / 10), 10)
        assertThat(kinds(m)).containsExactlyEntriesOf(expected);
    }

    @Test
    void detect_titanicKaggle_nameIsPersonName() {
        Metadata m = MetadataDetector.detect(Datasets.readCsv("titanic/titanic_kaggle_train.csv"));
        Map<String, ColumnKind> expected = new LinkedHashMap<>();
        expected.put("survived", CATEGORICAL);    // 0/1: SDV's rule, not a boolean pair
        expected.put("pclass", CATEGORICAL);
        expected.put("name", PII);
        expected.put("sex", CATEGORICAL);
        expected.put("age", NUMERIC);             // 0.42, 28.5 ...
        expected.put("sibsp", CATEGORICAL);       // 7 distinct
        expected.put("parch", CATEGORICAL);       // 7 distinct
        expected.put("ticket", CATEGORICAL);      // repeated, with spaces: not an ID
        expected.put("fare", NUMERIC);
        expected.put("cabin", CATEGORICAL);       // repeated (families share cabins)
        expected.put("embarked", CATEGORICAL);
        assertThat(kinds(m)).containsExactlyEntriesOf(expected);
        assertThat(m.get("name").pii()).isEqualTo(PiiType.PERSON_NAME);
    }

    @Test
    void detect_titanicKaggleWithPassengerId_isId() {
        // This copy dropped Kaggle's PassengerId (see SOURCE.txt); put back 1..891 as Kaggle has it.
        Table t = Datasets.readCsv("titanic/titanic_kaggle_train.csv");
        String[] ids = new String[t.rowCount()];
        for (int i = 0; i < ids.length; i++) ids[i] = Integer.toString(i + 1);
        ColumnSpec spec = MetadataDetector.detect(t.with(new StringColumn("PassengerId", ids))).get("PassengerId");
        assertThat(spec.kind()).isEqualTo(ColumnKind.ID);
        assertThat(spec.format()).isEqualTo("{1-3}");
    }

    @Test
    void detect_titanicCarData_survivedIsBooleanAndNameIsPersonName() {
        Metadata m = MetadataDetector.detect(Datasets.readCsv("titanic/titanic3_carData_TitanicSurvival.csv"));
        Map<String, ColumnKind> expected = new LinkedHashMap<>();
        expected.put("name", PII);
        expected.put("survived", BOOLEAN);        // yes/no
        expected.put("sex", CATEGORICAL);
        expected.put("age", NUMERIC);
        expected.put("passengerClass", CATEGORICAL);
        assertThat(kinds(m)).containsExactlyEntriesOf(expected);
        assertThat(m.get("name").pii()).isEqualTo(PiiType.PERSON_NAME);
    }

    @Test
    void detect_stocks_monthNameDateIsDatetime() {
        Table t = Datasets.readCsv("stocks_monthly/stocks.csv");
        Metadata m = MetadataDetector.detect(t);
        assertThat(m.get("symbol").kind()).isEqualTo(CATEGORICAL);
        assertThat(m.get("price").kind()).isEqualTo(NUMERIC);
        ColumnSpec date = m.get("date");
        assertThat(date.kind()).isEqualTo(ColumnKind.DATETIME);
        assertThat(date.format()).isEqualTo("MMM d yyyy");
        DatetimeFormat f = DatetimeFormat.of(date.format());
        for (String v : ((StringColumn) t.column("date")).values()) assertThat(f.format(f.parse(v), 0)).isEqualTo(v);
    }

    @Test
    void detect_movieReviewSentences_isText() {
        Metadata m = MetadataDetector.detect(Datasets.readCsv("rt_polarity_sentences/rt_polarity.csv"));
        assertThat(m.get("label").kind()).isEqualTo(CATEGORICAL);
        assertThat(m.get("sentence").kind()).isEqualTo(ColumnKind.TEXT);
    }

    @Test
    void detect_diamonds_gradesAreCategoriesAndPriceInteger() {
        Metadata m = MetadataDetector.detect(Datasets.readCsv("diamonds/diamonds.csv"));
        assertThat(m.get("cut").kind()).isEqualTo(CATEGORICAL);
        assertThat(m.get("clarity").kind()).isEqualTo(CATEGORICAL);
        assertThat(m.get("carat").kind()).isEqualTo(NUMERIC);
        assertThat(m.get("price").kind()).isEqualTo(INTEGER);
        assertThat(m.get("table").kind()).isEqualTo(NUMERIC);   // 55, 61.5 ...
    }

    @Test
    void detect_metadataJson_roundTrips() {
        Metadata m = MetadataDetector.detect(Datasets.readCsv("titanic/titanic_kaggle_train.csv"));
        assertThat(Metadata.fromJsonNode(m.toJsonNode(), "test")).isEqualTo(m);
    }
}
