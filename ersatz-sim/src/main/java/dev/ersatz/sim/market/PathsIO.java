package dev.ersatz.sim.market;

import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.TableSink;
import dev.ersatz.core.io.TableWriter;
import dev.ersatz.core.io.WriteOptions;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Price paths as a table, in the layout of the prices they imitate.
 *
 * <ul>
 *   <li><b>wide</b> (one column per asset in the source): {@code path, <date>|day, DAX, SMI, …};</li>
 *   <li><b>long</b> (one row per asset and day): {@code path, <date>, <key>, <price>}.</li>
 * </ul>
 * {@code path} counts from 1; day 0 is the start price (on the last real date when the source had
 * dates, so a path continues the real series), and the date column keeps the source's name. Without
 * dates a {@code day} column counts the days from 0. Prices are written in Java's shortest exact
 * decimal form, so the same paths give byte-identical CSV.
 */
public final class PathsIO {
    private PathsIO() {}

    /** Paths per chunk handed to the sink (bounds the memory of the text cells). */
    private static final int CHUNK_PATHS = 200;

    /** The column name of the path number. */
    public static final String PATH = "path";
    /** The column name of the day number when there are no dates. */
    public static final String DAY = "day";

    /** Writes {@code paths} to {@code out} (.csv or .parquet), atomically. */
    public static void write(Paths paths, MarketModel.PriceLayout layout, Path out) {
        boolean dated = paths.dates() != null;
        String dateName = dated ? (layout.dateColumn() == null ? "date" : layout.dateColumn()) : DAY;
        boolean isLong = "long".equals(layout.layout());
        List<String> names = new ArrayList<>();
        List<SourceType> types = new ArrayList<>();
        names.add(PATH);
        types.add(SourceType.INTEGER);
        names.add(dateName);
        types.add(dated ? SourceType.DATE : SourceType.INTEGER);
        if (isLong) {
            names.add(layout.keyColumn());
            types.add(SourceType.STRING);
            names.add(layout.priceColumn());
            types.add(SourceType.DOUBLE);
        } else {
            for (String a : paths.assets()) {
                names.add(a);
                types.add(SourceType.DOUBLE);
            }
        }
        int k = paths.assets().size(), days = paths.days();
        String[] dayText = new String[days + 1];
        for (int t = 0; t <= days; t++) dayText[t] = dated ? paths.dates()[t].toString() : Integer.toString(t);
        try (TableSink sink = TableWriter.open(out, names, types, new WriteOptions(',', List.of()))) {
            for (int from = 0; from < paths.paths(); from += CHUNK_PATHS) {
                int to = Math.min(paths.paths(), from + CHUNK_PATHS);
                int rows = (to - from) * (days + 1) * (isLong ? k : 1);
                String[][] cols = new String[names.size()][rows];
                int r = 0;
                for (int p = from; p < to; p++) {
                    String pathText = Integer.toString(p + 1);
                    for (int t = 0; t <= days; t++) {
                        if (isLong) {
                            for (int a = 0; a < k; a++) {
                                cols[0][r] = pathText;
                                cols[1][r] = dayText[t];
                                cols[2][r] = paths.assets().get(a);
                                cols[3][r] = Double.toString(paths.price(a, p, t));
                                r++;
                            }
                        } else {
                            cols[0][r] = pathText;
                            cols[1][r] = dayText[t];
                            for (int a = 0; a < k; a++) cols[2 + a][r] = Double.toString(paths.price(a, p, t));
                            r++;
                        }
                    }
                }
                List<Column> chunk = new ArrayList<>();
                for (int c = 0; c < names.size(); c++) chunk.add(new StringColumn(names.get(c), cols[c], types.get(c)));
                sink.append(new Table(chunk));
            }
            sink.commit();
        }
    }

    /** Synthetic paths read back, with the column names needed to find the same series in the real file. */
    public record Read(Paths paths, String layout, String dateColumn, String keyColumn, String priceColumn) {}

    /**
     * Reads paths written by {@link #write} (or laid out the same way): rows grouped by {@code path},
     * days in order, every path equally long. The layout is long when there is a text column other
     * than the date (the asset key) and exactly one price column.
     */
    public static Read read(Table t, String source) {
        if (t.indexOf(PATH) < 0) {
            throw new InputException(source, -1, PATH, null, "no 'path' column: synthetic paths have columns path, date (or day) and prices (columns: "
                    + String.join(", ", t.names()) + ")");
        }
        String dateCol = null;
        for (String n : t.names()) {
            if (n.equals(PATH)) continue;
            if (n.equalsIgnoreCase("date") || n.equals(DAY)) {
                dateCol = n;
                break;
            }
        }
        if (dateCol == null && t.columnCount() > 1) dateCol = t.names().get(1);
        Column dc = t.column(dateCol);
        boolean dated = !dateCol.equals(DAY);
        List<String> rest = new ArrayList<>();
        for (String n : t.names()) if (!n.equals(PATH) && !n.equals(dateCol)) rest.add(n);
        String key = null;
        for (String n : rest) if (!numeric(t.column(n))) key = n;
        Column pc = t.column(PATH);
        int rows = t.rowCount();
        if (rows == 0) throw new InputException(source, "no rows");
        if (key != null) {
            if (rest.size() != 2) throw new InputException(source, -1, key, null, "a long layout needs exactly one key and one price column besides path and date");
            String price = rest.get(0).equals(key) ? rest.get(1) : rest.get(0);
            Column kc = t.column(key), prc = t.column(price);
            // long: rows ordered path, date, asset
            Map<String, Integer> assets = new LinkedHashMap<>();
            for (int r = 0; r < rows; r++) {
                if (!pc.text(r).equals(pc.text(0))) break;
                assets.putIfAbsent(kc.text(r), assets.size());
            }
            int k = assets.size();
            Shape s = shape(pc, rows / k, k, source);
            double[][] prices = new double[k][s.paths * (s.days + 1)];
            LocalDate[] dates = dated ? new LocalDate[s.days + 1] : null;
            for (int r = 0; r < rows; r++) {
                Integer a = assets.get(kc.text(r));
                if (a == null || a != r % k) throw new InputException(source, r + 1, key, kc.text(r), "rows must list the assets in the same order every day");
                int day = (r / k) % (s.days + 1), path = r / k / (s.days + 1);
                prices[a][path * (s.days + 1) + day] = price(prc, r, source);
                if (dates != null && path == 0 && a == 0) dates[day] = PriceSeries.parseDate(dc.text(r), source, r + 1, dateCol);
            }
            return new Read(new Paths(new ArrayList<>(assets.keySet()), s.paths, s.days, prices, dates), "long", dated ? dateCol : null, key, price);
        }
        int k = rest.size();
        if (k == 0) throw new InputException(source, "no price columns besides '" + PATH + "' and '" + dateCol + "'");
        Shape s = shape(pc, rows, 1, source);
        double[][] prices = new double[k][rows];
        for (int a = 0; a < k; a++) {
            Column c = t.column(rest.get(a));
            for (int r = 0; r < rows; r++) prices[a][r] = price(c, r, source);
        }
        LocalDate[] dates = null;
        if (dated) {
            dates = new LocalDate[s.days + 1];
            for (int d = 0; d <= s.days; d++) dates[d] = PriceSeries.parseDate(dc.text(d), source, d + 1, dateCol);
        }
        return new Read(new Paths(rest, s.paths, s.days, prices, dates), "wide", dated ? dateCol : null, null, null);
    }

    private record Shape(int paths, int days) {}

    /** Checks that the path column holds equal consecutive runs (of {@code per} rows per day). */
    private static Shape shape(Column pc, int dayRows, int per, String source) {
        String first = pc.text(0);
        int len = 0;
        while (len < dayRows && first.equals(pc.text(len * per))) len++;
        if (len < 2) throw new InputException(source, 1, PATH, first, "a path needs at least two days");
        if (dayRows % len != 0) throw new InputException(source, -1, PATH, null, "paths differ in length (the first has " + len + " days)");
        int paths = dayRows / len;
        for (int p = 0; p < paths; p++) {
            String id = pc.text(p * len * per);
            for (int d = 0; d < len * per; d++) {
                int r = p * len * per + d;
                if (!id.equals(pc.text(r))) throw new InputException(source, r + 1, PATH, pc.text(r), "rows of a path must be contiguous and paths equally long (" + len + " days)");
            }
        }
        return new Shape(paths, len - 1);
    }

    private static boolean numeric(Column c) {
        for (int i = 0; i < Math.min(c.size(), 20); i++) {
            String s = c.text(i);
            if (s == null) continue;
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double price(Column c, int row, String source) {
        String s = c.text(row);
        double v;
        try {
            v = s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException(source, row + 1, c.name(), s, "price is not a number");
        }
        if (!(v > 0) || Double.isInfinite(v)) throw new InputException(source, row + 1, c.name(), s, "price must be a positive finite number");
        return v;
    }
}
