package dev.ersatz.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ersatz.core.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV-only run must not load DuckDB (a 70 MB native library): checked in a fresh JVM. */
class LazyDuckDbTest {
    @TempDir
    Path dir;

    /** Reads a CSV and writes it back as CSV: the whole CSV path, nothing else. */
    public static final class CsvOnly {
        public static void main(String[] args) {
            ReadResult r = TableReader.read(args[0], ReadOptions.defaults());
            try (TableSink sink = TableWriter.open(Path.of(args[1]), r.table().names(),
                    Collections.nCopies(r.table().columnCount(), SourceType.STRING),
                    new WriteOptions(r.delimiter(), r.missingMarkers()))) {
                sink.append(r.table());
                sink.commit();
            }
            System.out.println("rows=" + r.table().rowCount());
        }
    }

    @Test
    void csvReadAndWrite_inFreshJvm_neverLoadsDuckDb() throws IOException, InterruptedException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "a,b\n1,x\n2,\n");
        Path out = dir.resolve("out.csv");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", System.getProperty("java.class.path"),
                CsvOnly.class.getName(), in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("rows=2").contains("dev.ersatz.core.io.CsvTableReader");
        List<String> duck = output.lines().filter(l -> l.contains("org.duckdb")).toList();
        assertThat(duck).isEmpty();
        assertThat(Files.readString(out)).isEqualTo("a,b\n1,x\n2,\n");
    }
}
