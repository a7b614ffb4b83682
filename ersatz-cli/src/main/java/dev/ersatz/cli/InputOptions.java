package dev.ersatz.cli;

import dev.ersatz.core.InputException;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

/** Options shared by every command that reads a table: where from, and how to read it. */
final class InputOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "Input table: a .csv or .parquet file, or a JDBC URL (with --query).")
    String positional;

    @Option(names = "--input", paramLabel = "INPUT", description = "Input table (instead of the positional argument): file or JDBC URL.")
    String input;

    @Option(names = "--query", paramLabel = "SQL", description = "SQL query to run when the input is a JDBC URL.")
    String query;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field delimiter (default: detected among , ; tab |). Use \\t for tab.")
    String delimiter;

    @Option(names = "--missing", paramLabel = "MARKERS", description = "Comma-separated texts that mean a missing value (default: empty, NA, N/A, ?, null, NULL, NaN).")
    String missing;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "Character set of a CSV input (default: UTF-8).")
    String encoding;

    /** The input as given, or a usage error when there is none (or two). */
    String input() {
        if (positional != null && input != null) throw new InputException("--input", "give the input once: either as an argument or with --input");
        String in = positional != null ? positional : input;
        if (in == null) throw new InputException("missing input: give a .csv or .parquet file, or --input JDBC_URL --query SQL");
        return in;
    }

    ReadOptions readOptions() {
        ReadOptions o = ReadOptions.defaults();
        if (delimiter != null) {
            String d = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
            if (d.length() != 1) throw new InputException("--delimiter", -1, null, delimiter, "the delimiter must be one character");
            o = o.withDelimiter(d.charAt(0));
        }
        if (missing != null) o = o.withMissingMarkers(List.copyOf(Arrays.asList(missing.split(",", -1))));
        if (encoding != null) {
            try {
                o = o.withEncoding(Charset.forName(encoding));
            } catch (IllegalArgumentException e) {
                throw new InputException("--encoding", -1, null, encoding, "unknown character set");
            }
        }
        if (query != null) o = o.withQuery(query);
        return o;
    }

    /** Reads the input table. */
    ReadResult read() {
        return TableReader.read(input(), readOptions());
    }
}
