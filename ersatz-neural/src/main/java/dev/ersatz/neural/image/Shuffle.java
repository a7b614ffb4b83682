package dev.ersatz.neural.image;

import java.util.SplittableRandom;

/** Seeded draws for the image models' inputs, all from Java streams (never libtorch's generator). */
final class Shuffle {
    private Shuffle() {}

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    static float[] gaussians(int n, SplittableRandom rng) {
        float[] z = new float[n];
        for (int i = 0; i < n; i++) z[i] = (float) rng.nextGaussian();
        return z;
    }

    /** A 64-bit mix of several values (SplitMix64's finaliser over a running sum), for seeding per-chunk streams. */
    static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : values) {
            h += v * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }
}
