package dev.ersatz.augment.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.ReadOptions;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.io.TableReader;
import dev.ersatz.core.model.AtomicFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounding boxes in one of three layouts, read per image and written back in the same layout
 * beside the output images.
 *
 * <ul>
 *   <li><b>COCO</b> ({@code labels.json}): {@code bbox = [x, y, width, height]} in pixels; every other
 *       field of an annotation (category, attributes) follows its box; {@code segmentation} is dropped
 *       from moved boxes (it would no longer match). Written as one {@code labels.json} in the output
 *       folder with the output file names.</li>
 *   <li><b>CSV</b> ({@code labels.csv}): a file column ({@code file}, {@code filename}, {@code image} or
 *       {@code path}) and either pascal_voc corners ({@code x_min, y_min, x_max, y_max}) or COCO-style
 *       {@code x, y, width, height}, in pixels; other columns follow their box. Written as
 *       {@code labels.csv} in the output folder, same columns.</li>
 *   <li><b>YOLO</b> (a folder of {@code .txt} files named after the images): {@code class cx cy w h}
 *       normalised to [0, 1]. Written as one {@code .txt} beside each output image.</li>
 * </ul>
 *
 * <p>Pixel coordinates are in the continuous plane of {@link Image}: a box covering pixels 0..9 is
 * {@code [0, 10]}. A box outside the image (beyond 10⁻⁶ of its size) or with no width or height is
 * refused with the file, row or field and the value; the image is then counted as failed.
 */
public abstract class BoxFormat {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One written image and its moved boxes. */
    public record Written(String relative, int width, int height, List<Box> boxes) {}

    /** Opens a box source by its kind: a folder is YOLO, {@code .json} COCO, {@code .csv} CSV. */
    public static BoxFormat open(Path p) {
        if (Files.isDirectory(p)) return new Yolo(p);
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!Files.isRegularFile(p)) throw new InputException(p.toString(), "boxes file or folder does not exist");
        if (n.endsWith(".json")) return Coco.read(p);
        if (n.endsWith(".csv")) return Csv.read(p);
        throw new InputException(p.toString(), "--boxes must be a COCO labels.json, a labels.csv or a YOLO folder of .txt files");
    }

    /** The name of the layout: coco, csv or yolo. */
    public abstract String kind();

    /** The boxes of one input image, checked against its size. */
    public abstract List<Box> boxes(ImageSet.Input in, int width, int height);

    /** Writes the moved boxes of every output image (in the given order) under {@code outDir}. */
    public abstract void write(Path outDir, List<Written> outputs);

    /** Checks a box against the image (a tolerance of 10⁻⁶ of the size) and clamps it in; the message names {@code where}. */
    static double[] check(double x0, double y0, double x1, double y1, int w, int h, String where, String value) {
        double tx = 1e-6 * w, ty = 1e-6 * h;
        if (!(x0 >= -tx && y0 >= -ty && x1 <= w + tx && y1 <= h + ty)) {
            throw new IllegalArgumentException((value == null ? where : where + ", value \"" + value + "\"") + ": box ["
                    + num(x0) + ", " + num(y0) + ", " + num(x1) + ", " + num(y1) + "] lies outside the image (" + w + "x" + h + ")");
        }
        if (!(x1 > x0 && y1 > y0)) {
            throw new IllegalArgumentException(where + ": box has no area (x_max must exceed x_min, y_max y_min)");
        }
        return new double[] {Math.max(0, x0), Math.max(0, y0), Math.min(w, x1), Math.min(h, y1)};
    }

    /** A coordinate for output: at most {@code decimals} places, trailing zeros dropped. */
    static String num(double v, int decimals) {
        BigDecimal b = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.signum() == 0) return "0";
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    static String num(double v) {
        return num(v, 3);
    }

    // ------------------------------------------------------------------ COCO

    static final class Coco extends BoxFormat {
        final Path file;
        final ObjectNode doc;
        final Map<String, JsonNode> imagesByName = new HashMap<>();
        final Map<String, Integer> imagesByBaseName = new HashMap<>();
        final Map<Long, List<Integer>> annotationsByImage = new HashMap<>();
        final ArrayNode imageList, annotations;

        private Coco(Path file, ObjectNode doc) {
            this.file = file;
            this.doc = doc;
            JsonNode imgs = doc.get("images"), anns = doc.get("annotations");
            if (imgs == null || !imgs.isArray()) throw new InputException(file.toString(), "field 'images': missing or not a list (not a COCO file?)");
            if (anns == null || !anns.isArray()) throw new InputException(file.toString(), "field 'annotations': missing or not a list (not a COCO file?)");
            imageList = (ArrayNode) imgs;
            annotations = (ArrayNode) anns;
            for (int i = 0; i < imageList.size(); i++) {
                JsonNode im = imageList.get(i);
                JsonNode name = im.get("file_name");
                if (name == null || !name.isTextual()) throw new InputException(file.toString(), "field 'images[" + i + "].file_name': missing");
                if (im.get("id") == null || !im.get("id").canConvertToLong()) throw new InputException(file.toString(), "field 'images[" + i + "].id': missing or not a number");
                imagesByName.put(name.textValue(), im);
                String base = name.textValue().substring(name.textValue().lastIndexOf('/') + 1);
                imagesByBaseName.merge(base, 1, Integer::sum);
            }
            for (int i = 0; i < annotations.size(); i++) {
                JsonNode a = annotations.get(i);
                JsonNode id = a.get("image_id");
                if (id == null || !id.canConvertToLong()) throw new InputException(file.toString(), "field 'annotations[" + i + "].image_id': missing or not a number");
                annotationsByImage.computeIfAbsent(id.longValue(), k -> new ArrayList<>()).add(i);
            }
        }

        static Coco read(Path file) {
            try {
                JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                if (!(n instanceof ObjectNode o)) throw new InputException(file.toString(), "a COCO file must be a JSON object");
                return new Coco(file, o);
            } catch (JsonProcessingException e) {
                throw new InputException(file.toString(), "not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new InputException(file.toString(), "cannot read: " + e.getMessage());
            }
        }

        @Override public String kind() { return "coco"; }

        private JsonNode entry(ImageSet.Input in) {
            JsonNode im = imagesByName.get(in.relative());
            if (im != null) return im;
            String base = in.relative().substring(in.relative().lastIndexOf('/') + 1);
            if (imagesByBaseName.getOrDefault(base, 0) == 1) {
                for (Map.Entry<String, JsonNode> e : imagesByName.entrySet()) {
                    if (e.getKey().substring(e.getKey().lastIndexOf('/') + 1).equals(base)) return e.getValue();
                }
            }
            return null;
        }

        @Override
        public List<Box> boxes(ImageSet.Input in, int w, int h) {
            JsonNode im = entry(in);
            if (im == null) return List.of();
            String src = file.toString();
            int idx = indexOf(im);
            for (String dim : new String[] {"width", "height"}) {
                JsonNode v = im.get(dim);
                int real = dim.equals("width") ? w : h;
                if (v != null && v.isNumber() && v.intValue() != real) {
                    throw new InputException(src, "field 'images[" + idx + "]." + dim + "': " + v.intValue() + " but " + in.relative() + " is " + w + "x" + h);
                }
            }
            List<Box> out = new ArrayList<>();
            for (int ai : annotationsByImage.getOrDefault(im.get("id").longValue(), List.of())) {
                JsonNode a = annotations.get(ai);
                JsonNode bb = a.get("bbox");
                String where = "field 'annotations[" + ai + "].bbox'";
                if (bb == null || !bb.isArray() || bb.size() != 4) throw new InputException(src, where + ": must be [x, y, width, height]");
                for (JsonNode v : bb) if (!v.isNumber()) throw new InputException(src, where + ": must be four numbers, got " + bb);
                double x = bb.get(0).doubleValue(), y = bb.get(1).doubleValue();
                double[] c;
                try {
                    c = check(x, y, x + bb.get(2).doubleValue(), y + bb.get(3).doubleValue(), w, h, where, null);
                } catch (IllegalArgumentException e) {
                    throw new InputException(src, e.getMessage());
                }
                out.add(new Box(c[0], c[1], c[2], c[3], a));
            }
            return out;
        }

        private int indexOf(JsonNode im) {
            for (int i = 0; i < imageList.size(); i++) if (imageList.get(i) == im) return i;
            return -1;
        }

        @Override
        public void write(Path outDir, List<Written> outputs) {
            ObjectNode out = JSON.createObjectNode();
            doc.properties().forEach(e -> {
                if (!e.getKey().equals("images") && !e.getKey().equals("annotations")) out.set(e.getKey(), e.getValue().deepCopy());
            });
            ArrayNode imgs = out.putArray("images"), anns = out.putArray("annotations");
            long annId = 1;
            for (int i = 0; i < outputs.size(); i++) {
                Written wr = outputs.get(i);
                ObjectNode im = imgs.addObject();
                im.put("id", i + 1);
                im.put("file_name", wr.relative());
                im.put("width", wr.width());
                im.put("height", wr.height());
                for (Box b : wr.boxes()) {
                    ObjectNode a = b.source() instanceof ObjectNode src ? src.deepCopy() : JSON.createObjectNode();
                    a.remove("segmentation");
                    a.put("id", annId++);
                    a.put("image_id", i + 1);
                    ArrayNode bb = a.putArray("bbox");
                    String[] xywh = {num(b.x0()), num(b.y0()), num(b.x1() - b.x0()), num(b.y1() - b.y0())};
                    for (String s : xywh) bb.add(new BigDecimal(s));
                    a.put("area", new BigDecimal(num(b.area())));
                    anns.add(a);
                }
            }
            try {
                AtomicFiles.write(outDir.resolve("labels.json"), JSON.writeValueAsBytes(out));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ------------------------------------------------------------------ CSV

    static final class Csv extends BoxFormat {
        static final String[] FILE = {"file", "filename", "image", "path", "file_name"};
        final Path file;
        final Table table;
        final List<String> names;
        final int fileCol;
        final int[] coords;
        final boolean corners;
        final Map<String, List<Integer>> rowsByFile = new LinkedHashMap<>();
        final Map<String, Integer> baseCount = new HashMap<>();

        private Csv(Path file, Table table) {
            this.file = file;
            this.table = table;
            this.names = table.names();
            fileCol = find(FILE);
            if (fileCol < 0) throw new InputException(file.toString(), 0, null, null, "no file column (name one of: file, filename, image, path)");
            int[] pascal = {find("x_min", "xmin"), find("y_min", "ymin"), find("x_max", "xmax"), find("y_max", "ymax")};
            int[] xywh = {find("x"), find("y"), find("width", "w"), find("height", "h")};
            if (all(pascal)) { coords = pascal; corners = true; }
            else if (all(xywh)) { coords = xywh; corners = false; }
            else throw new InputException(file.toString(), 0, null, null, "no box columns: give x_min, y_min, x_max, y_max (pascal_voc) or x, y, width, height (pixels)");
            for (int r = 0; r < table.rowCount(); r++) {
                String f = table.text(r, fileCol);
                if (f == null) throw new InputException(file.toString(), r + 1, names.get(fileCol), "", "empty file name");
                rowsByFile.computeIfAbsent(f, k -> new ArrayList<>()).add(r);
            }
            for (String f : rowsByFile.keySet()) baseCount.merge(f.substring(f.lastIndexOf('/') + 1), 1, Integer::sum);
        }

        private static boolean all(int[] a) {
            for (int v : a) if (v < 0) return false;
            return true;
        }

        private int find(String... options) {
            for (String o : options) {
                for (int i = 0; i < names.size(); i++) if (names.get(i).strip().equalsIgnoreCase(o)) return i;
            }
            return -1;
        }

        static Csv read(Path file) {
            ReadResult r = TableReader.read(file.toString(), ReadOptions.defaults().withMissingMarkers(List.of("")));
            return new Csv(file, r.table());
        }

        @Override public String kind() { return "csv"; }

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

        @Override
        public List<Box> boxes(ImageSet.Input in, int w, int h) {
            List<Box> out = new ArrayList<>();
            for (int r : rows(in)) {
                double[] v = new double[4];
                for (int k = 0; k < 4; k++) {
                    String s = table.text(r, coords[k]);
                    try {
                        v[k] = Double.parseDouble(s == null ? "" : s.strip());
                    } catch (NumberFormatException e) {
                        throw new InputException(file.toString(), r + 1, names.get(coords[k]), s == null ? "" : s, "not a number");
                    }
                    if (!Double.isFinite(v[k])) throw new InputException(file.toString(), r + 1, names.get(coords[k]), s, "not a finite number");
                }
                double x0 = v[0], y0 = v[1], x1 = corners ? v[2] : v[0] + v[2], y1 = corners ? v[3] : v[1] + v[3];
                double[] c;
                try {
                    c = check(x0, y0, x1, y1, w, h, "row " + (r + 1), null);
                } catch (IllegalArgumentException e) {
                    throw new InputException(file.toString(), e.getMessage());
                }
                out.add(new Box(c[0], c[1], c[2], c[3], r));
            }
            return out;
        }

        @Override
        public void write(Path outDir, List<Written> outputs) {
            List<String[]> rows = new ArrayList<>();
            rows.add(names.toArray(new String[0]));
            for (Written wr : outputs) {
                for (Box b : wr.boxes()) {
                    int r = (Integer) b.source();
                    String[] row = new String[names.size()];
                    for (int c = 0; c < row.length; c++) {
                        String t = table.text(r, c);
                        row[c] = t == null ? "" : t;
                    }
                    row[fileCol] = wr.relative();
                    row[coords[0]] = num(b.x0());
                    row[coords[1]] = num(b.y0());
                    row[coords[2]] = corners ? num(b.x1()) : num(b.x1() - b.x0());
                    row[coords[3]] = corners ? num(b.y1()) : num(b.y1() - b.y0());
                    rows.add(row);
                }
            }
            AtomicFiles.write(outDir.resolve("labels.csv"), CsvText.of(rows));
        }
    }

    // ------------------------------------------------------------------ YOLO

    /** One YOLO line's class and any fields after the four coordinates. */
    record YoloLine(String cls, String file, int line) {}

    static final class Yolo extends BoxFormat {
        final Path dir;

        Yolo(Path dir) { this.dir = dir; }

        @Override public String kind() { return "yolo"; }

        Path labelFile(ImageSet.Input in) {
            Path p = dir.resolve(in.stem() + ".txt");
            if (Files.isRegularFile(p)) return p;
            String base = in.stem().substring(in.stem().lastIndexOf('/') + 1);
            Path q = dir.resolve(base + ".txt");
            return Files.isRegularFile(q) ? q : null;
        }

        @Override
        public List<Box> boxes(ImageSet.Input in, int w, int h) {
            Path p = labelFile(in);
            if (p == null) return List.of();
            List<String> lines;
            try {
                lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException(p.toString(), "cannot read: " + e.getMessage());
            }
            List<Box> out = new ArrayList<>();
            String[] fields = {"class", "x_center", "y_center", "width", "height"};
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) continue;
                String[] t = line.split("\\s+");
                if (t.length != 5) throw new InputException(p.toString(), i + 1, null, line, "expected 5 values: class x_center y_center width height");
                double[] v = new double[4];
                for (int k = 0; k < 4; k++) {
                    try {
                        v[k] = Double.parseDouble(t[k + 1]);
                    } catch (NumberFormatException e) {
                        throw new InputException(p.toString(), i + 1, fields[k + 1], t[k + 1], "not a number");
                    }
                }
                double x0 = (v[0] - v[2] / 2) * w, x1 = (v[0] + v[2] / 2) * w, y0 = (v[1] - v[3] / 2) * h, y1 = (v[1] + v[3] / 2) * h;
                double[] c;
                try {
                    c = check(x0, y0, x1, y1, w, h, "line " + (i + 1), line);
                } catch (IllegalArgumentException e) {
                    throw new InputException(p.toString(), e.getMessage());
                }
                out.add(new Box(c[0], c[1], c[2], c[3], new YoloLine(t[0], p.toString(), i + 1)));
            }
            return out;
        }

        @Override
        public void write(Path outDir, List<Written> outputs) {
            for (Written wr : outputs) {
                StringBuilder sb = new StringBuilder();
                for (Box b : wr.boxes()) {
                    YoloLine l = (YoloLine) b.source();
                    double cx = (b.x0() + b.x1()) / 2 / wr.width(), cy = (b.y0() + b.y1()) / 2 / wr.height();
                    double bw = b.width() / wr.width(), bh = b.height() / wr.height();
                    sb.append(l.cls()).append(' ').append(norm(cx)).append(' ').append(norm(cy)).append(' ')
                            .append(norm(bw)).append(' ').append(norm(bh)).append('\n');
                }
                String rel = wr.relative();
                int dot = rel.lastIndexOf('.');
                AtomicFiles.write(outDir.resolve(rel.substring(0, dot) + ".txt"), sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            Path classes = dir.resolve("classes.txt");
            if (Files.isRegularFile(classes)) {
                try {
                    AtomicFiles.write(outDir.resolve("classes.txt"), Files.readAllBytes(classes));
                } catch (IOException e) {
                    throw new InputException(classes.toString(), "cannot read: " + e.getMessage());
                }
            }
        }

        /** Six decimals, clamped into [0, 1] (clipped boxes are inside; this guards the rounding). */
        static String norm(double v) {
            return num(Math.max(0, Math.min(1, v)), 6);
        }
    }
}
