package dev.ersatz.core.image;

import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Readers and a writer for labelled image sets.
 *
 * <ul>
 *   <li><b>IDX</b> (MNIST, Fashion-MNIST): an images file ({@code magic 2051}, count, rows, columns,
 *       then unsigned bytes) and a labels file ({@code magic 2049}, count, bytes), gzipped or not.
 *       Pass the folder ({@code train-images-idx3-ubyte[.gz]} and its labels; {@code split} "test"
 *       reads {@code t10k-*}) or the images file. Class names are the label numbers, or the lines of
 *       a {@code classes.txt} beside the files.</li>
 *   <li><b>CSV</b>: a header, one row per image, one label column (named {@code label}, {@code digit},
 *       {@code class} or {@code target}, else the last column) and a square number of grey pixel
 *       columns. Columns named {@code p<row>_<col>} (scikit-learn's digits) hold 0-16 and are scaled
 *       by 255/16; other pixel columns hold 0-255.</li>
 *   <li><b>ImageFolder</b>: one subfolder per class (names sorted), PNG/JPEG files in each (sorted
 *       by name); other files are ignored.</li>
 * </ul>
 * {@link #writeImageFolder} writes the ImageFolder layout as PNGs into a temp folder beside the
 * target and moves it into place.
 */
public final class ImageSets {
    private ImageSets() {}

    private static final int IDX_IMAGES = 0x00000803;
    private static final int IDX_LABELS = 0x00000801;
    private static final Pattern DIGITS_PIXEL = Pattern.compile("p\\d+_\\d+");
    private static final Set<String> LABEL_NAMES = Set.of("label", "digit", "class", "target");

    /** Reads the training split of whatever {@code path} is (IDX folder or file, CSV, ImageFolder). */
    public static ImageSet read(Path path) {
        return read(path, "train");
    }

    /**
     * Reads {@code path}: an IDX folder ({@code split} "train", or "test"/"t10k"), an IDX images file,
     * a CSV file (.csv or .csv.gz) or an ImageFolder. Bad files stop the read with one line naming them.
     */
    public static ImageSet read(Path path, String split) {
        if (!Files.exists(path)) throw new InputException(path.toString(), "image set not found");
        if (Files.isRegularFile(path)) {
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv") || n.endsWith(".csv.gz")) return readCsv(path);
            if (n.contains("idx3")) return readIdx(path, labelsBeside(path));
            throw new InputException(path.toString(), "not an image set: expected a folder (IDX files or one subfolder per class), an IDX images file or a CSV file");
        }
        String prefix = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> "train";
            case "test", "t10k" -> "t10k";
            default -> throw new InputException(path.toString(), -1, "split", split, "split must be train or test");
        };
        Path images = existing(path, prefix + "-images-idx3-ubyte");
        if (images != null) {
            Path labels = existing(path, prefix + "-labels-idx1-ubyte");
            if (labels == null) throw new InputException(images.toString(), "no labels file beside it (" + prefix + "-labels-idx1-ubyte[.gz])");
            return readIdx(images, labels);
        }
        return readImageFolder(path, null);
    }

    private static Path existing(Path dir, String base) {
        for (String ext : new String[] {".gz", ""}) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static Path labelsBeside(Path images) {
        String n = images.getFileName().toString();
        Path labels = images.resolveSibling(n.replace("images-idx3", "labels-idx1"));
        if (labels.equals(images) || !Files.isRegularFile(labels)) {
            throw new InputException(images.toString(), "no labels file beside it (" + labels.getFileName() + ")");
        }
        return labels;
    }

    // ---------------------------------------------------------------- IDX

    /** Reads an IDX images file and its labels file (each gzipped or not). */
    public static ImageSet readIdx(Path imagesFile, Path labelsFile) {
        int[] labels = readIdxLabels(labelsFile);
        String src = imagesFile.toString();
        try (DataInputStream in = new DataInputStream(open(imagesFile))) {
            int magic = readHeaderInt(in, src);
            if (magic != IDX_IMAGES) throw new InputException(src, "not an IDX images file (magic " + magic + ", expected 2051)");
            int count = readHeaderInt(in, src), rows = readHeaderInt(in, src), cols = readHeaderInt(in, src);
            if (count < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > 1 << 24) {
                throw new InputException(src, "corrupt IDX header: " + count + " images of " + rows + "x" + cols);
            }
            if (count != labels.length) {
                throw new InputException(src, "has " + count + " images but " + labelsFile + " has " + labels.length + " labels");
            }
            String prefix = baseName(imagesFile).startsWith("t10k") ? "test-" : "train-";
            int digits = Math.max(5, String.valueOf(count).length());
            List<LabelledImage> out = new ArrayList<>(count);
            int size = rows * cols;
            for (int i = 0; i < count; i++) {
                byte[] px = new byte[size];
                try {
                    in.readFully(px);
                } catch (EOFException e) {
                    throw new InputException(src, "truncated: the header says " + count + " images of " + rows + "x" + cols
                            + ", the file ends inside image " + (i + 1));
                }
                out.add(new LabelledImage(prefix + pad(i, digits), new Image(cols, rows, 1, px), labels[i]));
            }
            return new ImageSet(idxClasses(imagesFile, labels), out);
        } catch (IOException e) {
            throw ioError(src, e);
        }
    }

    private static int[] readIdxLabels(Path file) {
        String src = file.toString();
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = readHeaderInt(in, src);
            if (magic != IDX_LABELS) throw new InputException(src, "not an IDX labels file (magic " + magic + ", expected 2049)");
            int count = readHeaderInt(in, src);
            if (count < 0) throw new InputException(src, "corrupt IDX header: " + count + " labels");
            byte[] b = new byte[count];
            try {
                in.readFully(b);
            } catch (EOFException e) {
                throw new InputException(src, "truncated: the header says " + count + " labels, the file ends before the last");
            }
            int[] out = new int[count];
            for (int i = 0; i < count; i++) out[i] = b[i] & 0xFF;
            return out;
        } catch (IOException e) {
            throw ioError(src, e);
        }
    }

    private static List<String> idxClasses(Path imagesFile, int[] labels) {
        int max = -1;
        for (int l : labels) max = Math.max(max, l);
        Path names = imagesFile.resolveSibling("classes.txt");
        if (Files.isRegularFile(names)) {
            try {
                List<String> lines = Files.readAllLines(names, StandardCharsets.UTF_8).stream()
                        .map(String::strip).filter(s -> !s.isEmpty()).toList();
                if (lines.size() <= max) {
                    throw new InputException(names.toString(), "names " + lines.size() + " classes, but the labels go up to " + max);
                }
                return lines;
            } catch (IOException e) {
                throw new InputException(names.toString(), "cannot read: " + e.getMessage());
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k <= max; k++) out.add(String.valueOf(k));
        return out;
    }

    private static int readHeaderInt(DataInputStream in, String src) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new InputException(src, "truncated: the file ends inside its IDX header");
        }
    }

    /** Opens a file, un-gzipping it when it starts with the gzip signature. */
    private static InputStream open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 2);
        byte[] sig = new byte[2];
        int n = in.readNBytes(sig, 0, 2);
        in.unread(sig, 0, n);
        if (n == 2 && (sig[0] & 0xFF) == 0x1f && (sig[1] & 0xFF) == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static InputException ioError(String src, IOException e) {
        if (e instanceof NoSuchFileException) return new InputException(src, "file not found");
        if (e instanceof ZipException) return new InputException(src, "corrupt gzip data: " + e.getMessage());
        if (e instanceof EOFException) return new InputException(src, "truncated: unexpected end of the (gzip) data");
        return new InputException(src, "cannot read: " + e.getMessage());
    }

    // ---------------------------------------------------------------- CSV

    /** Reads a CSV of grey pixels with a label column (see the class comment), gzipped or not. */
    public static ImageSet readCsv(Path file) {
        String src = file.toString();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            String headerLine = r.readLine();
            if (headerLine == null) throw new InputException(src, "empty file");
            if (headerLine.startsWith("\uFEFF")) headerLine = headerLine.substring(1);
            String[] header = headerLine.split(",", -1);
            for (int i = 0; i < header.length; i++) header[i] = unquote(header[i].strip());
            int labelCol = -1;
            for (int i = 0; i < header.length; i++) {
                if (LABEL_NAMES.contains(header[i].toLowerCase(Locale.ROOT))) { labelCol = i; break; }
            }
            if (labelCol < 0) labelCol = header.length - 1;
            int pixels = header.length - 1;
            int side = (int) Math.round(Math.sqrt(pixels));
            if (pixels < 1 || side * side != pixels) {
                throw new InputException(src, 0, null, null, "expected a label column and a square number of pixel columns, found "
                        + pixels + " pixel columns");
            }
            boolean digits = true;
            for (int i = 0; i < header.length; i++) if (i != labelCol && !DIGITS_PIXEL.matcher(header[i]).matches()) digits = false;
            int max = digits ? 16 : 255;
            List<byte[]> rows = new ArrayList<>();
            List<String> labelText = new ArrayList<>();
            String line;
            long row = 0;
            while ((line = r.readLine()) != null) {
                row++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != header.length) {
                    throw new InputException(src, row, null, null, "has " + f.length + " fields, the header has " + header.length
                            + (f.length < header.length ? " (truncated?)" : ""));
                }
                byte[] px = new byte[pixels];
                for (int i = 0, p = 0; i < f.length; i++) {
                    if (i == labelCol) continue;
                    String v = f[i].strip();
                    int value;
                    try {
                        value = Integer.parseInt(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
                    } catch (NumberFormatException e) {
                        throw new InputException(src, row, header[i], v, "pixel value is not a whole number");
                    }
                    if (value < 0 || value > max) throw new InputException(src, row, header[i], v, "pixel value outside 0-" + max);
                    px[p++] = (byte) (max == 255 ? value : (value * 255 + max / 2) / max);
                }
                String label = unquote(f[labelCol].strip());
                if (label.isEmpty()) throw new InputException(src, row, header[labelCol], "", "missing label");
                rows.add(px);
                labelText.add(label);
            }
            if (rows.isEmpty()) throw new InputException(src, "no images (only a header)");
            List<String> classes = sortedLabels(labelText);
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < classes.size(); k++) index.put(classes.get(k), k);
            int digitsWidth = Math.max(5, String.valueOf(rows.size()).length());
            List<LabelledImage> out = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                out.add(new LabelledImage("row-" + pad(i + 1, digitsWidth), new Image(side, side, 1, rows.get(i)), index.get(labelText.get(i))));
            }
            return new ImageSet(classes, out);
        } catch (IOException e) {
            throw ioError(src, e);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Distinct labels, numerically when they are all integers, else as text. */
    private static List<String> sortedLabels(List<String> labels) {
        Set<String> distinct = new HashSet<>(labels);
        boolean numeric = distinct.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        Comparator<String> order = numeric ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder();
        return distinct.stream().sorted(order).toList();
    }

    // ---------------------------------------------------------------- ImageFolder

    /**
     * Reads the ImageFolder layout. With {@code onBadFile} null an unreadable image stops the read;
     * otherwise it receives the one-line message and the image is skipped.
     */
    public static ImageSet readImageFolder(Path dir, Consumer<String> onBadFile) {
        if (!Files.isDirectory(dir)) throw new InputException(dir.toString(), "not a folder");
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw ioError(dir.toString(), e);
        }
        if (classDirs.isEmpty()) {
            throw new InputException(dir.toString(), "not an image set: no IDX files and no class subfolders (ImageFolder layout: one subfolder per class)");
        }
        List<String> classes = new ArrayList<>();
        List<LabelledImage> out = new ArrayList<>();
        for (Path cd : classDirs) {
            int label = classes.size();
            classes.add(cd.getFileName().toString());
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(cd)) {
                for (Path f : ds) if (Files.isRegularFile(f) && !hidden(f) && ImageFiles.isImageFile(f)) files.add(f);
            } catch (IOException e) {
                throw ioError(cd.toString(), e);
            }
            files.sort(Comparator.comparing(p -> p.getFileName().toString()));
            Set<String> names = new HashSet<>();
            for (Path f : files) {
                Image img;
                try {
                    img = ImageFiles.read(f);
                } catch (InputException e) {
                    if (onBadFile == null) throw e;
                    onBadFile.accept(e.getMessage());
                    continue;
                }
                String fn = f.getFileName().toString();
                String name = fn.substring(0, fn.lastIndexOf('.'));
                if (!names.add(name)) {
                    name = fn.replace('.', '_');
                    names.add(name);
                }
                out.add(new LabelledImage(name, img, label));
            }
        }
        if (out.isEmpty()) throw new InputException(dir.toString(), "no PNG or JPEG images in its class subfolders");
        return new ImageSet(classes, out);
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    /**
     * Writes the set as an ImageFolder of PNGs: {@code out/<class>/<name>.png}, empty classes as
     * empty folders. Everything goes into a hidden temp folder beside {@code out} that is moved into
     * place when complete. An existing {@code out} must be empty unless {@code replace} is set, in
     * which case the old folder is moved aside and deleted only after the new one is in place.
     */
    public static void writeImageFolder(ImageSet set, Path out, boolean replace) {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String src = out.toString();
        if (parent == null || !Files.isDirectory(parent)) throw new InputException(src, "output's parent folder does not exist: " + parent);
        if (Files.exists(target) && !Files.isDirectory(target)) throw new InputException(src, "output exists and is not a folder");
        boolean occupied = Files.isDirectory(target) && !isEmptyDir(target);
        if (occupied && !replace) throw new InputException(src, "output folder exists and is not empty (remove it or choose another)");
        for (String c : set.classes()) {
            if (c.isEmpty() || c.equals(".") || c.equals("..") || c.contains("/") || c.contains("\\") || c.indexOf('\0') >= 0) {
                throw new InputException(src, -1, "class", c, "class name cannot be a folder name");
            }
        }
        Map<Integer, Set<String>> used = new TreeMap<>();
        for (LabelledImage li : set.images()) {
            if (li.name().isEmpty() || li.name().contains("/") || li.name().contains("\\")) {
                throw new InputException(src, -1, "name", li.name(), "image name cannot be a file name");
            }
            if (!used.computeIfAbsent(li.label(), k -> new HashSet<>()).add(li.name())) {
                throw new InputException(src, -1, "name", li.name(), "two images of class '" + set.classes().get(li.label()) + "' have this name");
            }
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            for (String c : set.classes()) Files.createDirectory(tmp.resolve(c));
            for (LabelledImage li : set.images()) {
                Path f = tmp.resolve(set.classes().get(li.label())).resolve(li.name() + ".png");
                Files.write(f, ImageFiles.encodePng(li.image()));
            }
            setReadable(tmp);
            if (Files.isDirectory(target)) {
                Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old);
                AtomicFiles.move(tmp, target);
                tmp = null;
                deleteTree(old);
            } else {
                AtomicFiles.move(tmp, target);
                tmp = null;
            }
        } catch (IOException e) {
            throw new InputException(src, "cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    private static void setReadable(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not POSIX: defaults apply
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static String baseName(Path p) {
        return p.getFileName().toString();
    }

    private static String pad(int i, int width) {
        String s = String.valueOf(i);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
