package dev.ersatz.bench.text;

import dev.ersatz.augment.text.Tokenizer;

import java.util.Arrays;
import java.util.Locale;

/**
 * Hashed text features for the benchmark classifiers: word unigrams and bigrams and, optionally,
 * character 2- to 5-grams of each word with boundary marks ({@code <good>}, as fastText's subwords),
 * as sorted distinct bucket indexes (binary features).
 */
final class Features {
    private Features() {}

    static int[] of(String text, boolean chars, int bits) {
        String[] w = Tokenizer.tokenize(text.toLowerCase(Locale.ROOT)).words();
        int mask = (1 << bits) - 1;
        int[] buf = new int[16 + w.length * (chars ? 40 : 2)];
        int n = 0;
        for (int i = 0; i < w.length; i++) {
            if (n + 2 + (chars ? 4 * (w[i].length() + 2) : 0) >= buf.length) buf = Arrays.copyOf(buf, buf.length * 2 + 64);
            buf[n++] = hash(w[i], 0x9E3779B9) & mask;
            if (i > 0) buf[n++] = hash(w[i - 1] + " " + w[i], 0x85EBCA6B) & mask;
            if (chars) {
                String b = "<" + w[i] + ">";
                for (int len = 2; len <= 5; len++) {
                    for (int s = 0; s + len <= b.length(); s++) {
                        if (n >= buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                        buf[n++] = hash(b.substring(s, s + len), 0xC2B2AE35 + len) & mask;
                    }
                }
            }
        }
        int[] f = Arrays.copyOf(buf, n);
        Arrays.sort(f);
        int m = 0;
        for (int i = 0; i < f.length; i++) if (i == 0 || f[i] != f[i - 1]) f[m++] = f[i];
        return Arrays.copyOf(f, m);
    }

    /** A seeded 32-bit string hash (murmur3 finaliser over the chars). */
    static int hash(String s, int seed) {
        int h = seed;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x5bd1e995;
            h ^= h >>> 15;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
