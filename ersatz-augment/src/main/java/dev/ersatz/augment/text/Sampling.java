package dev.ersatz.augment.text;

import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random helpers: every draw of a run comes from a stream derived from its seed. */
final class Sampling {
    private Sampling() {}

    /** Fisher-Yates shuffle with {@code rng} (Collections.shuffle takes only java.util.Random). */
    static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) Collections.swap(list, i, rng.nextInt(i + 1));
    }

    /** A stream for item {@code index}, copy {@code copy} of a run seeded {@code seed}: independent of any other item and of threads. */
    static SplittableRandom stream(long seed, long index, long copy) {
        return new SplittableRandom(mix64(mix64(seed ^ 0x5EED_7E47L) + mix64(index + 0x9E37_79B9_7F4A_7C15L) * 31 + copy));
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014): a fast, well-mixing 64-bit bijection. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
