package dev.ersatz.bench.image;

import dev.ersatz.core.image.Image;
import dev.ersatz.core.image.ImageSet;

/** A grid of a labelled set's images for looking at: one row per class, scaled up (grey). */
final class Montage {
    private Montage() {}

    static Image of(ImageSet set, int perClass, int scale) {
        int k = set.classes().size(), w = set.image(0).width(), h = set.image(0).height();
        Image out = Image.blank(perClass * w * scale, k * h * scale, 1);
        int[] seen = new int[k];
        for (int i = 0; i < set.size(); i++) {
            int c = set.label(i);
            if (seen[c] >= perClass) continue;
            Image im = set.image(i).toGray();
            for (int y = 0; y < h * scale; y++) {
                for (int x = 0; x < w * scale; x++) out.set(seen[c] * w * scale + x, c * h * scale + y, 0, im.get(x / scale, y / scale, 0));
            }
            seen[c]++;
        }
        return out;
    }
}
