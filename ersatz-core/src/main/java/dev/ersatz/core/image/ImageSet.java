package dev.ersatz.core.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A labelled image set: the class names (a label is an index into them) and the images in order.
 *
 * <p>Read one with {@link ImageSets#read}; write one as an ImageFolder with {@link ImageSets#writeImageFolder}.
 * The set is immutable; methods that select or combine return new sets sharing the images.
 */
public final class ImageSet {
    private final List<String> classes;
    private final List<LabelledImage> images;

    public ImageSet(List<String> classes, List<LabelledImage> images) {
        this.classes = List.copyOf(classes);
        this.images = Collections.unmodifiableList(new ArrayList<>(images));
        for (LabelledImage li : this.images) {
            if (li.label() >= this.classes.size()) {
                throw new IllegalArgumentException("label " + li.label() + " of '" + li.name() + "' has no class (" + this.classes.size() + " classes)");
            }
        }
        if (this.classes.stream().distinct().count() != this.classes.size()) {
            throw new IllegalArgumentException("class names must be distinct: " + this.classes);
        }
    }

    /** The class names; label {@code k} is {@code classes().get(k)}. */
    public List<String> classes() { return classes; }

    public List<LabelledImage> images() { return images; }

    public int size() { return images.size(); }

    public LabelledImage get(int i) { return images.get(i); }

    public Image image(int i) { return images.get(i).image(); }

    public int label(int i) { return images.get(i).label(); }

    /** Every image's label, in order. */
    public int[] labels() {
        int[] out = new int[images.size()];
        for (int i = 0; i < out.length; i++) out[i] = images.get(i).label();
        return out;
    }

    /** How many images each class has. */
    public int[] countsPerClass() {
        int[] out = new int[classes.size()];
        for (LabelledImage li : images) out[li.label()]++;
        return out;
    }

    /** The images from {@code from} (inclusive) to {@code to} (exclusive). */
    public ImageSet slice(int from, int to) {
        return new ImageSet(classes, images.subList(from, to));
    }

    /** The first {@code n} images of each class, in the set's order (classes with fewer keep all). */
    public ImageSet firstPerClass(int n) {
        int[] taken = new int[classes.size()];
        List<LabelledImage> out = new ArrayList<>();
        for (LabelledImage li : images) {
            if (taken[li.label()] < n) {
                taken[li.label()]++;
                out.add(li);
            }
        }
        return new ImageSet(classes, out);
    }

    /**
     * {@code n} images of each class drawn without replacement with {@code seed} (classes with fewer
     * keep all), in the set's order: a pure function of (set, n, seed).
     */
    public ImageSet samplePerClass(int n, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) byClass.add(new ArrayList<>());
        for (int i = 0; i < images.size(); i++) byClass.get(images.get(i).label()).add(i);
        boolean[] keep = new boolean[images.size()];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (List<Integer> members : byClass) {
            int m = members.size();
            int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
            int take = Math.min(n, m);
            for (int j = 0; j < take; j++) {
                int r = j + rnd.nextInt(m - j);
                int t = idx[j]; idx[j] = idx[r]; idx[r] = t;
                keep[idx[j]] = true;
            }
        }
        List<LabelledImage> out = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) if (keep[i]) out.add(images.get(i));
        return new ImageSet(classes, out);
    }

    /** This set followed by {@code other}'s images; both must have the same classes. */
    public ImageSet concat(ImageSet other) {
        if (!classes.equals(other.classes)) {
            throw new IllegalArgumentException("cannot join sets with different classes: " + classes + " and " + other.classes);
        }
        List<LabelledImage> out = new ArrayList<>(images);
        out.addAll(other.images);
        return new ImageSet(classes, out);
    }

    /** Every image converted to grey (see {@link Image#toGray()}). */
    public ImageSet toGray() {
        List<LabelledImage> out = new ArrayList<>(images.size());
        for (LabelledImage li : images) out.add(new LabelledImage(li.name(), li.image().toGray(), li.label()));
        return new ImageSet(classes, out);
    }

    @Override
    public String toString() {
        return "ImageSet[" + images.size() + " images, " + classes.size() + " classes]";
    }
}
