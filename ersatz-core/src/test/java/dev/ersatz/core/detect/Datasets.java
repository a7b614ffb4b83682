package dev.ersatz.core.detect;

import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.TableReader;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared real datasets ({@code ../shared/datasets}, found through the {@code ersatz.datasets}
 * system property that Surefire sets), read with the project's own CSV reader, as the CLI reads them
 * (empty fields and the default markers such as {@code NA} are missing).
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

    /** The CSV file as a table of raw text columns named by its header. */
    public static Table readCsv(String relative) {
        return TableReader.read(file(relative).toString()).table();
    }

    /** The values of one column of a dataset. */
    public static String[] column(String relative, String name) {
        return ((StringColumn) readCsv(relative).column(name)).values();
    }
}
