package dev.ersatz.core.fake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedPermutationTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 7, 16, 17, 100, 999, 1000, 4097, 65_536, 100_000})
    void apply_everyValueOfRange_isBijection(long size) {
        KeyedPermutation p = new KeyedPermutation(size, 42);
        boolean[] hit = new boolean[(int) size];
        for (long x = 0; x < size; x++) {
            long y = p.apply(x);
            assertThat(y).isBetween(0L, size - 1);
            assertThat(hit[(int) y]).as("%d hit twice", y).isFalse();
            hit[(int) y] = true;
        }
    }

    @Test
    void apply_differentKeys_giveDifferentOrders() {
        KeyedPermutation a = new KeyedPermutation(1000, 1);
        KeyedPermutation b = new KeyedPermutation(1000, 2);
        int same = 0;
        for (long x = 0; x < 1000; x++) if (a.apply(x) == b.apply(x)) same++;
        // Two independent random permutations agree at about one point on average.
        assertThat(same).isLessThan(10);
    }

    @Test
    void apply_hugeRange_staysInRange() {
        long size = Long.MAX_VALUE;
        KeyedPermutation p = new KeyedPermutation(size, 7);
        for (long x = 0; x < 1000; x++) assertThat(p.apply(x)).isBetween(0L, size - 1);
        assertThat(p.apply(size - 1)).isBetween(0L, size - 1);
    }
}
