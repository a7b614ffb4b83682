package dev.ersatz.core.fake;

/**
 * A keyed bijection of {@code [0, size)}: a balanced Feistel network over the smallest even number of
 * bits that covers the range, with cycle walking to stay inside it.
 *
 * <p>Why: IDs must be unique per row and computable per row (streamed, in parallel, in any order), yet
 * not look sequential. A Feistel network is a permutation of its bit domain whatever its round function
 * (Luby and Rackoff 1988); cycle walking (Black and Rogaway 2002, "Ciphers with arbitrary finite
 * domains") re-applies it until the value falls inside {@code [0, size)}, which keeps it a permutation
 * of the range. Because the bit domain is less than four times the range, the expected number of walks
 * is below four. The round function is the SplitMix64 finaliser of the right half mixed with a round key;
 * it is not a cipher and makes no secrecy claim: it only shuffles.
 */
final class KeyedPermutation {
    private static final int ROUNDS = 6;

    private final long size;
    private final int half;
    private final long mask;
    private final long[] keys = new long[ROUNDS];

    /** A permutation of {@code [0, size)} keyed by {@code key}; {@code size} at least 1. */
    KeyedPermutation(long size, long key) {
        if (size < 1) throw new IllegalArgumentException("size must be at least 1: " + size);
        this.size = size;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
        if ((bits & 1) == 1) bits++;
        this.half = bits / 2;
        this.mask = half == 32 ? 0xFFFF_FFFFL : (1L << half) - 1;
        long k = key;
        for (int i = 0; i < ROUNDS; i++) {
            k = mix64(k + 0x9E37_79B9_7F4A_7C15L);
            keys[i] = k;
        }
    }

    long size() { return size; }

    /** The image of {@code x}, which must lie in {@code [0, size)}. */
    long apply(long x) {
        if (size == 1) return 0;
        long y = x;
        do {
            y = feistel(y);
        } while (Long.compareUnsigned(y, size) >= 0);
        return y;
    }

    private long feistel(long x) {
        long l = (x >>> half) & mask;
        long r = x & mask;
        for (int i = 0; i < ROUNDS; i++) {
            long next = l ^ (mix64(r ^ keys[i]) & mask);
            l = r;
            r = next;
        }
        return (l << half) | r;
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014): a fast, well-mixing 64-bit bijection. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
