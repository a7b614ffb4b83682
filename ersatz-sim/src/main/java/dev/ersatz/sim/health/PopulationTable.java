package dev.ersatz.sim.health;

import dev.ersatz.core.InputException;
import dev.ersatz.sim.engine.Rng;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who lives in the simulated population at its end date: rows of (region, sex, age band, weight), read
 * from an editable CSV ({@code region,sex,age_low,age_high,weight}; {@code #} starts a comment line).
 *
 * <p>The built-in table is the U.S. 2020 Census age-sex structure across the four census regions (see
 * the comments at the top of {@code population.csv}). Each living patient's cell is drawn with
 * probability proportional to its weight, and the age within the band uniformly.
 */
public final class PopulationTable {
    /** One cell of the table. */
    public record Cell(String region, String sex, int ageLow, int ageHigh, double weight) {}

    private final List<Cell> cells;
    private final double[] cdf;
    private final String source;

    private PopulationTable(List<Cell> cells, String source) {
        this.cells = List.copyOf(cells);
        this.source = source;
        this.cdf = new double[cells.size()];
        double s = 0;
        for (int i = 0; i < cells.size(); i++) cdf[i] = s += cells.get(i).weight();
        if (!(s > 0)) throw new InputException(source, "the population table's weights sum to zero");
    }

    public List<Cell> cells() { return cells; }

    public String source() { return source; }

    /** The share of cell {@code i}. */
    public double share(int i) {
        return cells.get(i).weight() / cdf[cdf.length - 1];
    }

    /** Draws a cell index. */
    int draw(Rng rng) {
        return rng.pickCumulative(cdf);
    }

    /** The built-in table (U.S. 2020 Census). */
    public static PopulationTable builtIn() {
        try (InputStream in = PopulationTable.class.getResourceAsStream("population.csv")) {
            if (in == null) throw new IllegalStateException("built-in population table missing");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "population.csv (built in)");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a table file. */
    public static PopulationTable read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    static PopulationTable parse(String text, String source) {
        List<Cell> cells = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        String[] header = null;
        int row = 0;
        int[] col = new int[5];
        String[] names = {"region", "sex", "age_low", "age_high", "weight"};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split(",", -1);
            if (header == null) {
                header = f;
                for (int i = 0; i < names.length; i++) {
                    col[i] = -1;
                    for (int j = 0; j < f.length; j++) if (f[j].trim().equalsIgnoreCase(names[i])) col[i] = j;
                    if (col[i] < 0) throw new InputException(source, 0, names[i], null, "missing column (the table needs region, sex, age_low, age_high, weight)");
                }
                continue;
            }
            row++;
            if (f.length != header.length) throw new InputException(source, row, null, line, "has " + f.length + " fields, the header has " + header.length);
            String region = f[col[0]].trim(), sex = f[col[1]].trim().toUpperCase(java.util.Locale.ROOT);
            if (!sex.equals("M") && !sex.equals("F")) throw new InputException(source, row, "sex", f[col[1]], "must be M or F");
            int lo = integer(f[col[2]], source, row, "age_low"), hi = integer(f[col[3]], source, row, "age_high");
            if (lo < 0 || hi < lo || hi > 115) throw new InputException(source, row, "age_high", f[col[3]], "ages must satisfy 0 <= age_low <= age_high <= 115");
            double w;
            try {
                w = Double.parseDouble(f[col[4]].trim());
            } catch (NumberFormatException e) {
                throw new InputException(source, row, "weight", f[col[4]], "not a number");
            }
            if (!(w >= 0) || Double.isInfinite(w)) throw new InputException(source, row, "weight", f[col[4]], "must be a non-negative number");
            cells.add(new Cell(region.isEmpty() ? "—" : region, sex, lo, hi, w));
        }
        if (cells.isEmpty()) throw new InputException(source, "the population table has no rows");
        return new PopulationTable(cells, source);
    }

    private static int integer(String s, String source, int row, String column) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InputException(source, row, column, s, "not a whole number");
        }
    }
}
