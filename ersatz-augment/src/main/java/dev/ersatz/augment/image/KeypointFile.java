package dev.ersatz.augment.image;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.model.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keypoints from a CSV with a file column and {@code x}, {@code y} in pixels of the continuous plane
 * of {@link Image} (the centre of pixel (i, j) is (i + 0.5, j + 0.5)); other columns (a point's
 * name or id, a label) follow their point. Written as {@code points.csv} in the output folder with
 * the same columns; a point moved outside an output image is left out.
 */
public final class KeypointFile {
    /** One written image and its moved points. */
    public record Written(String relative, List<Keypoint> points) {}

    private final Path file;
    private final Table table;
    private final List<String> names;
    private final int fileCol, xCol, yCol;
    private final Map<String, List<Integer>> rowsByFile = new LinkedHashMap<>();
    private final Map<String, Integer> baseCount = new HashMap<>();

    private KeypointFile(Path file, Table table) {
        this.file = file;
        this.table = table;
        this.names = table.names();
        fileCol = find(BoxFormat.Csv.FILE);
        xCol = find("x");
        yCol = find("y");
        if (fileCol < 0) throw new InputException(file.toString(), 0, null, null, "no file column (name one of: file, filename, image, path)");
        if (xCol < 0 || yCol < 0) throw new InputException(file.toString(), 0, null, null, "no x and y columns");
        for (int r = 0; r < table.rowCount(); r++) {
            String f = table.text(r, fileCol);
            if (f == null) throw new InputException(file.toString(), r + 1, names.get(fileCol), "", "empty file name");
            rowsByFile.computeIfAbsent(f, k -> new ArrayList<>()).add(r);
        }
        for (String f : rowsByFile.keySet()) baseCount.merge(f.substring(f.lastIndexOf('/') + 1), 1, Integer::sum);
    }

    private int find(String... options) {
        for (String o : options) for (int i = 0; i < names.size(); i++) if (names.get(i).strip().equalsIgnoreCase(o)) return i;
        return -1;
    }

    public static KeypointFile read(Path file) {
        return new KeypointFile(file, TableReader.read(file.toString(), ReadOptions.defaults().withMissingMarkers(List.of(""))).table());
    }

    private List<Integer> rows(ImageSet.Input in) {
        List<Integer> rows = rowsByFile.get(in.relative());
        if (rows != null) return rows;
        String base = in.relative().substring(in.relative().lastIndexOf('/') + 1);
        if (baseCount.getOrDefault(base, 0) == 1) {
            for (Map.Entry<String, List<Integer>> e : rowsByFile.entrySet()) {
                if (e.getKey().substring(e.getKey().lastIndexOf('/') + 1).equals(base)) return e.getValue();
            }
        }
        return List.of();
    }

    public List<Keypoint> points(ImageSet.Input in, int w, int h) {
        List<Keypoint> out = new ArrayList<>();
        for (int r : rows(in)) {
            double x = parse(r, xCol), y = parse(r, yCol);
            if (x < 0 || x > w || y < 0 || y > h) {
                throw new InputException(file.toString(), r + 1, null, null,
                        "point (" + BoxFormat.num(x) + ", " + BoxFormat.num(y) + ") lies outside the image (" + w + "x" + h + ")");
            }
            out.add(new Keypoint(Math.min(x, Math.nextDown((double) w)), Math.min(y, Math.nextDown((double) h)), r));
        }
        return out;
    }

    private double parse(int r, int c) {
        String s = table.text(r, c);
        try {
            double v = Double.parseDouble(s == null ? "" : s.strip());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InputException(file.toString(), r + 1, names.get(c), s == null ? "" : s, "not a number");
    }

    public void write(Path outDir, List<Written> outputs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(names.toArray(new String[0]));
        for (Written wr : outputs) {
            for (Keypoint k : wr.points()) {
                int r = (Integer) k.source();
                String[] row = new String[names.size()];
                for (int c = 0; c < row.length; c++) {
                    String t = table.text(r, c);
                    row[c] = t == null ? "" : t;
                }
                row[fileCol] = wr.relative();
                row[xCol] = BoxFormat.num(k.x());
                row[yCol] = BoxFormat.num(k.y());
                rows.add(row);
            }
        }
        AtomicFiles.write(outDir.resolve("points.csv"), CsvText.of(rows));
    }
}
