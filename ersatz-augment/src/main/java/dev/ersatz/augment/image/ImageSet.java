package dev.ersatz.augment.image;

import dev.ersatz.core.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The images of an input folder (PNG and JPEG, searched recursively, sorted by relative path so the
 * input index of a file does not depend on the file system) with their targets: boxes from one
 * {@link BoxFormat}, masks from a folder, keypoints from a CSV, and a class label from the
 * ImageFolder layout (the first sub-folder of an image's relative path).
 */
public final class ImageSet implements Context.Batch {
    /** One input image: its file, its path relative to the input folder (with '/'), its class or null. */
    public record Input(Path file, String relative, String label) {
        /** The relative path without its extension. */
        public String stem() {
            int dot = relative.lastIndexOf('.');
            return dot > relative.lastIndexOf('/') ? relative.substring(0, dot) : relative;
        }
    }

    private final Path root;
    private final List<Input> inputs;
    private final BoxFormat boxes;
    private final Path masks;
    private final KeypointFile keypoints;
    private final boolean labelled;
    /** In-memory images of a labelled set (IDX, digits CSV), by input index; null for a folder of files. */
    private final List<dev.ersatz.core.image.Image> memory;

    public ImageSet(Path root, List<Input> inputs, BoxFormat boxes, Path masks, KeypointFile keypoints) {
        this(root, inputs, boxes, masks, keypoints, null);
    }

    private ImageSet(Path root, List<Input> inputs, BoxFormat boxes, Path masks, KeypointFile keypoints,
                     List<dev.ersatz.core.image.Image> memory) {
        this.memory = memory;
        this.root = root;
        this.inputs = List.copyOf(inputs);
        this.boxes = boxes;
        this.masks = masks;
        this.keypoints = keypoints;
        this.labelled = inputs.stream().allMatch(i -> i.label() != null) && !inputs.isEmpty();
    }

    /**
     * A labelled set read by {@link dev.ersatz.core.image.ImageSets} (Fashion-MNIST IDX files, the
     * digits CSV) as inputs named {@code class/name.png}, so the outputs form an ImageFolder.
     */
    public static ImageSet labelled(Path source, dev.ersatz.core.image.ImageSet set, BoxFormat boxes, Path masks, KeypointFile keypoints) {
        List<Input> inputs = new ArrayList<>();
        List<dev.ersatz.core.image.Image> images = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            String cls = set.classes().get(set.label(i));
            inputs.add(new Input(source, cls + "/" + set.get(i).name() + ".png", cls));
            images.add(set.image(i));
        }
        if (inputs.isEmpty()) throw new InputException(source.toString(), "the image set is empty");
        return new ImageSet(source, inputs, boxes, masks, keypoints, images);
    }

    /**
     * Lists the images under {@code dir}, skipping {@code exclude} folders (a masks or YOLO labels
     * folder inside the input folder) and hidden files.
     */
    public static List<Input> list(Path dir, List<Path> exclude) {
        if (!Files.isDirectory(dir)) throw new InputException(dir.toString(), "input folder does not exist or is not a folder");
        List<Path> skip = new ArrayList<>();
        for (Path e : exclude) if (e != null) skip.add(e.toAbsolutePath().normalize());
        Path abs = dir.toAbsolutePath().normalize();
        List<Input> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(abs)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> ImageCodec.formatOf(p) != null)
                    .filter(p -> skip.stream().noneMatch(p::startsWith))
                    .filter(p -> abs.relativize(p).toString().chars().noneMatch(c -> c == '\n'))
                    .filter(p -> {
                        for (Path part : abs.relativize(p)) if (part.toString().startsWith(".")) return false;
                        return true;
                    })
                    .forEach(p -> {
                        String rel = abs.relativize(p).toString().replace('\\', '/');
                        int slash = rel.indexOf('/');
                        out.add(new Input(p, rel, slash > 0 ? rel.substring(0, slash) : null));
                    });
        } catch (IOException e) {
            throw new InputException(dir.toString(), "cannot list images: " + e.getMessage());
        }
        out.sort(Comparator.comparing(Input::relative));
        if (out.isEmpty()) throw new InputException(dir.toString(), "no PNG or JPEG images found");
        return out;
    }

    public Path root() { return root; }
    public List<Input> inputs() { return inputs; }
    public BoxFormat boxFormat() { return boxes; }
    public boolean hasMasks() { return masks != null; }
    public KeypointFile keypointFile() { return keypoints; }
    /** Whether every image has a class (ImageFolder layout). */
    public boolean labelled() { return labelled; }

    @Override
    public int size() { return inputs.size(); }

    /** Reads input {@code index} with its targets; bad files and boxes raise an {@link InputException} naming them. */
    @Override
    public Sample load(int index) {
        Input in = inputs.get(index);
        Image img;
        if (memory != null) {
            dev.ersatz.core.image.Image m = memory.get(index);
            img = new Image(m.width(), m.height(), m.channels(), m.pixels().clone());
        } else {
            img = ImageCodec.read(in.file(), false);
        }
        Image mask = null;
        if (masks != null) {
            Path m = maskFile(in);
            if (m == null) {
                throw new InputException(in.file().toString(), "no mask for this image in " + masks + " (looked for " + in.stem() + ".png)");
            }
            mask = ImageCodec.read(m, true);
            if (mask.width != img.width || mask.height != img.height) {
                throw new InputException(m.toString(), "mask is " + mask.width + "x" + mask.height + " but its image is " + img.width + "x" + img.height);
            }
            if (mask.channels == 4) mask = ImageCodec.dropAlpha(mask);
        }
        List<Box> bx = boxes == null ? List.of() : boxes.boxes(in, img.width, img.height);
        List<Keypoint> kp = keypoints == null ? List.of() : keypoints.points(in, img.width, img.height);
        Map<String, Double> label = in.label() == null ? Map.of() : Map.of(in.label(), 1.0);
        return new Sample(img, mask, bx, kp, label);
    }

    private Path maskFile(Input in) {
        for (String ext : new String[] {".png", ".PNG"}) {
            Path p = masks.resolve(in.stem() + ext);
            if (Files.isRegularFile(p)) return p;
        }
        Path same = masks.resolve(in.relative());
        return Files.isRegularFile(same) ? same : null;
    }
}
