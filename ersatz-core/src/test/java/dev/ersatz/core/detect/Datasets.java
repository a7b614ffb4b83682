package dev.ersatz.core.detect;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared real datasets ({@code ../shared/datasets}, found through the {@code ersatz.datasets}
 * system property that Surefire sets), read with FastCSV into raw text columns: empty fields are missing.
 */
public final class Datasets {
    private Datasets() {}

    /** The file under the datasets folder; the test is skipped, with a message, when it is absent. */
    public static Path file(String relative) {
        String root = System.getProperty("ersatz.datasets", "../shared/datasets");
        Path p = Path.of(root).resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "dataset not found, test skipped: " + p.toAbsolutePath());
        return p;
    }

    /** The CSV file as a table of {@link StringColumn}s named by its header. */
    public static Table readCsv(String relative) {
        Path p = file(relative);
        List<String> header = null;
        List<List<String>> cols = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(p)) {
            for (CsvRecord r : reader) {
                if (header == null) {
                    header = r.getFields();
                    for (int i = 0; i < header.size(); i++) cols.add(new ArrayList<>());
                    continue;
                }
                for (int i = 0; i < header.size(); i++) {
                    String v = i < r.getFieldCount() ? r.getField(i) : "";
                    cols.get(i).add(v.isEmpty() ? null : v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<StringColumn> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) columns.add(new StringColumn(header.get(i), cols.get(i).toArray(new String[0])));
        return new Table(columns);
    }

    /** The values of one column of a dataset. */
    public static String[] column(String relative, String name) {
        return ((StringColumn) readCsv(relative).column(name)).values();
    }
}
