package dev.ersatz.sim.market;

import dev.ersatz.core.Column;
import dev.ersatz.core.InputException;
import dev.ersatz.core.NumericColumn;
import dev.ersatz.core.Table;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One or more aligned price series: asset names, prices[asset][day] and optional dates.
 *
 * <p>Read from a table in one of two layouts:
 * <ul>
 *   <li><b>wide</b>: one column per asset ({@code --columns DAX,SMI} or {@code --price close}), an
 *       optional date column;</li>
 *   <li><b>long</b>: a key column naming the asset (the one text column that is neither the date nor
 *       the price, e.g. {@code symbol}), a date and a price column; the assets are aligned on the
 *       dates they share, in date order ({@code --columns} then picks assets by key).</li>
 * </ul>
 * A row whose price is missing in any chosen series is dropped (and counted in
 * {@link #droppedRows}); a price that is not a positive finite number is an {@link InputException}
 * naming the file, row, column and value.
 *
 * @param names     asset names, in the order chosen
 * @param prices    prices[asset][day], equally long, positive
 * @param dates     the day of each row, or {@code null} when the source has no date column
 * @param layout    "wide" or "long", the layout of the source (paths are written the same way)
 * @param keyColumn the long layout's key column (null for wide)
 * @param priceColumn the long layout's price column (null for wide)
 * @param dateColumn the date column's name, or null
 * @param droppedRows rows left out because a chosen price was missing
 */
public record PriceSeries(List<String> names, double[][] prices, LocalDate[] dates, String layout,
                          String keyColumn, String priceColumn, String dateColumn, int droppedRows) {

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM d yyyy").toFormatter(Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMM yyyy").toFormatter(Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT),
            DateTimeFormatter.BASIC_ISO_DATE);

    public PriceSeries {
        names = List.copyOf(names);
        if (prices.length != names.size()) throw new IllegalArgumentException("one price array per name");
        for (double[] p : prices) {
            if (p.length != prices[0].length) throw new IllegalArgumentException("price series differ in length");
        }
        if (dates != null && dates.length != prices[0].length) throw new IllegalArgumentException("one date per day");
    }

    /** Single-asset, wide series from an array (no dates), for tests and the API. */
    public static PriceSeries of(String name, double[] prices) {
        return new PriceSeries(List.of(name), new double[][] {prices}, null, "wide", null, null, null, 0);
    }

    /** The number of days (rows). */
    public int days() { return prices[0].length; }

    /** The number of assets. */
    public int assets() { return names.size(); }

    /** The log returns of asset {@code i}, zeros kept. */
    public double[] returns(int i) { return Returns.log(prices[i]); }

    /**
     * Reads the series out of {@code table}.
     *
     * @param source      the file name, for messages
     * @param dateColumn  the date column, or null for a column named "date", else the first text column of dates
     * @param priceColumn the price column of a single series (wide) or of a long layout, or null
     * @param columns     the assets to use (wide: columns; long: keys), or null/empty for the default
     */
    public static PriceSeries fromTable(Table table, String source, String dateColumn, String priceColumn, List<String> columns) {
        String date = dateColumn;
        if (date == null) {
            for (String n : table.names()) if (n.equalsIgnoreCase("date")) date = n;
            // else the first text column whose values are dates ("Day", "timestamp", ...)
            for (String n : table.names()) {
                if (date != null) break;
                Column c = table.column(n);
                if (!isNumeric(c) && looksLikeDates(c)) date = n;
            }
        } else if (table.indexOf(date) < 0) {
            throw new InputException(source, -1, date, null, "no such date column (columns: " + String.join(", ", table.names()) + ")");
        }
        List<String> cols = columns == null ? List.of() : columns;
        String key = null;
        if (priceColumn != null) {
            if (table.indexOf(priceColumn) < 0) {
                throw new InputException(source, -1, priceColumn, null, "no such price column (columns: " + String.join(", ", table.names()) + ")");
            }
            List<String> others = new ArrayList<>();
            for (String n : table.names()) if (!n.equals(priceColumn) && !n.equals(date) && !isNumeric(table.column(n))) others.add(n);
            if (others.size() == 1) key = others.get(0);
        }
        if (key != null) return fromLong(table, source, date, priceColumn, key, cols);
        List<String> assets = new ArrayList<>(cols);
        if (priceColumn != null) {
            if (!assets.isEmpty() && !assets.equals(List.of(priceColumn))) {
                throw new InputException(source, -1, priceColumn, null, "give either --price or --columns for a wide file, not both");
            }
            assets = List.of(priceColumn);
        }
        if (assets.isEmpty()) {
            List<String> numeric = new ArrayList<>();
            for (String n : table.names()) if (!n.equals(date) && isNumeric(table.column(n))) numeric.add(n);
            if (numeric.size() != 1) {
                throw new InputException(source, "name the price column(s) with --price or --columns (columns: "
                        + String.join(", ", table.names()) + ")");
            }
            assets = numeric;
        }
        for (String a : assets) {
            if (table.indexOf(a) < 0) {
                throw new InputException(source, -1, a, null, "no such column (columns: " + String.join(", ", table.names()) + ")");
            }
        }
        int rows = table.rowCount();
        double[][] p = new double[assets.size()][rows];
        LocalDate[] d = date == null ? null : new LocalDate[rows];
        boolean[] keep = new boolean[rows];
        int kept = 0;
        for (int row = 0; row < rows; row++) {
            boolean ok = true;
            for (int a = 0; a < assets.size(); a++) {
                Column c = table.column(assets.get(a));
                if (c.isMissing(row)) {
                    ok = false;
                    continue;
                }
                p[a][row] = parsePrice(c, row, source);
            }
            if (d != null) {
                Column dc = table.column(date);
                if (dc.isMissing(row)) ok = false;
                else d[row] = parseDate(dc.text(row), source, row + 1, date);
            }
            keep[row] = ok;
            if (ok) kept++;
        }
        double[][] pk = new double[assets.size()][kept];
        LocalDate[] dk = d == null ? null : new LocalDate[kept];
        int[] sourceRow = new int[kept];
        int j = 0;
        for (int row = 0; row < rows; row++) {
            if (!keep[row]) continue;
            for (int a = 0; a < assets.size(); a++) pk[a][j] = p[a][row];
            if (dk != null) dk[j] = d[row];
            sourceRow[j] = row + 1;
            j++;
        }
        if (dk != null) checkIncreasing(dk, sourceRow, source, date);
        return new PriceSeries(assets, pk, dk, "wide", null, null, date, rows - kept);
    }

    private static PriceSeries fromLong(Table table, String source, String date, String price, String key, List<String> wanted) {
        if (date == null) throw new InputException(source, -1, key, null, "a long layout (one row per asset and day) needs a date column: name it with --date");
        Column kc = table.column(key), pc = table.column(price), dc = table.column(date);
        Map<String, TreeMap<LocalDate, Double>> series = new LinkedHashMap<>();
        int dropped = 0;
        for (int row = 0; row < table.rowCount(); row++) {
            String k = kc.text(row);
            if (k == null || pc.isMissing(row) || dc.isMissing(row)) {
                dropped++;
                continue;
            }
            if (!wanted.isEmpty() && !wanted.contains(k)) continue;
            double v = parsePrice(pc, row, source);
            LocalDate day = parseDate(dc.text(row), source, row + 1, date);
            if (series.computeIfAbsent(k, x -> new TreeMap<>()).put(day, v) != null) {
                throw new InputException(source, row + 1, date, dc.text(row), "a second price for '" + k + "' on the same date");
            }
        }
        List<String> names = new ArrayList<>();
        if (wanted.isEmpty()) names.addAll(series.keySet());
        else {
            for (String w : wanted) {
                if (!series.containsKey(w)) {
                    throw new InputException(source, -1, key, w, "no rows for this asset (assets: " + String.join(", ", series.keySet()) + ")");
                }
                names.add(w);
            }
        }
        if (names.isEmpty()) throw new InputException(source, "no prices found");
        List<LocalDate> common = new ArrayList<>(series.get(names.get(0)).keySet());
        for (String n : names) common.retainAll(series.get(n).keySet());
        double[][] p = new double[names.size()][common.size()];
        for (int a = 0; a < names.size(); a++) {
            TreeMap<LocalDate, Double> s = series.get(names.get(a));
            for (int t = 0; t < common.size(); t++) p[a][t] = s.get(common.get(t));
        }
        return new PriceSeries(names, p, common.toArray(new LocalDate[0]), "long", key, price, date, dropped);
    }

    /** Whether the first non-missing value of {@code c} parses as a date. */
    private static boolean looksLikeDates(Column c) {
        for (int i = 0; i < c.size(); i++) {
            String v = c.text(i);
            if (v == null || v.isBlank()) continue;
            try {
                parseDate(v, null, -1, c.name());
                return true;
            } catch (InputException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isNumeric(Column c) {
        if (c instanceof NumericColumn) return true;
        int seen = 0;
        for (int i = 0; i < c.size() && seen < 50; i++) {
            String s = c.text(i);
            if (s == null || s.isBlank()) continue;
            seen++;
            try {
                Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return seen > 0;
    }

    private static double parsePrice(Column c, int row, String source) {
        double v;
        if (c instanceof NumericColumn nc) v = nc.get(row);
        else {
            String s = c.text(row).trim();
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InputException(source, row + 1, c.name(), s, "price is not a number");
            }
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InputException(source, row + 1, c.name(), c.text(row), "price must be a positive finite number");
        }
        return v;
    }

    static LocalDate parseDate(String text, String source, long row, String column) {
        String s = text.trim();
        // a timestamp's date part is the trading day
        if (s.length() > 10 && s.charAt(4) == '-' && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) s = s.substring(0, 10);
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return LocalDate.parse(s, f);
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        throw new InputException(source, row, column, text, "not a date (expected e.g. 2000-01-31 or Jan 31 2000)");
    }

    private static void checkIncreasing(LocalDate[] d, int[] sourceRow, String source, String column) {
        for (int i = 1; i < d.length; i++) {
            if (!d[i].isAfter(d[i - 1])) {
                throw new InputException(source, sourceRow[i], column, d[i].toString(), "dates must increase (previous row " + d[i - 1] + ")");
            }
        }
    }
}
