package dev.ersatz.sim.market;

import dev.ersatz.core.InputException;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prices are read from wide and long tables; bad values are named by file, row, column and value. */
class PriceSeriesTest {

    private static Table table(String[] names, String[]... rows) {
        List<StringColumn> cols = new java.util.ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            String[] v = new String[rows.length];
            for (int r = 0; r < rows.length; r++) v[r] = rows[r][c];
            cols.add(new StringColumn(names[c], v));
        }
        return new Table(cols);
    }

    @Test
    void fromTable_longStocks_alignsAssetsOnSharedDates() {
        java.nio.file.Path p = TestData.dataset("stocks_monthly/stocks.csv");
        PriceSeries s = PriceSeries.fromTable(TestData.csv(p), p.toString(), "date", "price", List.of("MSFT", "GOOG"));
        assertThat(s.layout()).isEqualTo("long");
        assertThat(s.keyColumn()).isEqualTo("symbol");
        assertThat(s.names()).containsExactly("MSFT", "GOOG");
        // GOOG is listed from August 2004: 68 shared months
        assertThat(s.days()).isEqualTo(68);
        assertThat(s.dates()[0]).isEqualTo(LocalDate.of(2004, 8, 1));
        assertThat(MarketModel.frequency(s.dates())).isEqualTo("monthly");
    }

    @Test
    void fromTable_missingPrice_dropsTheRowAndCountsIt() {
        Table t = table(new String[] {"date", "a", "b"}, new String[] {"2024-01-02", "1", "2"}, new String[] {"2024-01-03", null, "2.1"},
                new String[] {"2024-01-04", "1.1", "2.2"});
        PriceSeries s = PriceSeries.fromTable(t, "x.csv", null, null, List.of("a", "b"));
        assertThat(s.days()).isEqualTo(2);
        assertThat(s.droppedRows()).isEqualTo(1);
        assertThat(s.dateColumn()).isEqualTo("date");
    }

    @Test
    void fromTable_unnamedDateColumn_isFoundByItsValues() {
        Table t = table(new String[] {"Day", "close"}, new String[] {"2024-01-02", "1"}, new String[] {"2024-01-03", "1.1"});
        PriceSeries s = PriceSeries.fromTable(t, "x.csv", null, "close", null);
        assertThat(s.layout()).isEqualTo("wide");
        assertThat(s.dateColumn()).isEqualTo("Day");
        assertThat(s.dates()[1]).isEqualTo(LocalDate.of(2024, 1, 3));
    }

    @Test
    void fromTable_badValues_nameFileRowColumnAndValue() {
        Table t = table(new String[] {"date", "close"}, new String[] {"2024-01-02", "1"}, new String[] {"2024-01-03", "1,5"});
        assertThatThrownBy(() -> PriceSeries.fromTable(t, "x.csv", null, "close", null)).isInstanceOf(InputException.class)
                .hasMessage("x.csv: row 2, column 'close', value \"1,5\": price is not a number");
        Table z = table(new String[] {"date", "close"}, new String[] {"2024-01-02", "1"}, new String[] {"2024-01-03", "0"});
        assertThatThrownBy(() -> PriceSeries.fromTable(z, "x.csv", null, "close", null)).hasMessageContaining("row 2").hasMessageContaining("positive");
        Table d = table(new String[] {"date", "close"}, new String[] {"2024-01-03", "1"}, new String[] {"2024-01-02", "2"});
        assertThatThrownBy(() -> PriceSeries.fromTable(d, "x.csv", null, "close", null)).hasMessageContaining("row 2")
                .hasMessageContaining("dates must increase");
        Table bad = table(new String[] {"date", "close"}, new String[] {"03.01.2024", "1"});
        assertThatThrownBy(() -> PriceSeries.fromTable(bad, "x.csv", null, "close", null)).hasMessageContaining("03.01.2024")
                .hasMessageContaining("not a date");
    }
}
