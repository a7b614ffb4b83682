package dev.ersatz.augment.text;

import net.datafaker.Faker;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Person names for the grammar's {@code name} generator: a fixed pool drawn once from Datafaker's
 * English name lists with a fixed seed, then sampled with the run's random stream.
 *
 * <p>A pool, rather than a Faker per sentence, keeps generation fast and its output a function of the
 * run's seed alone (a Faker has its own random state).
 */
final class Names {
    private Names() {}

    private static final int POOL = 1000;

    private static final class Pool {
        static final String[][] NAMES = draw();

        private static String[][] draw() {
            Faker f = new Faker(Locale.ENGLISH, new Random(20250101L));
            Set<String> first = new LinkedHashSet<>(), last = new LinkedHashSet<>();
            for (int i = 0; i < POOL * 4 && (first.size() < POOL || last.size() < POOL); i++) {
                first.add(f.name().firstName());
                last.add(f.name().lastName());
            }
            return new String[][] {first.toArray(new String[0]), last.toArray(new String[0])};
        }
    }

    static Grammar.Values values(String part) {
        return rng -> {
            String[] first = Pool.NAMES[0], last = Pool.NAMES[1];
            return switch (part) {
                case "first" -> first[rng.nextInt(first.length)];
                case "last" -> last[rng.nextInt(last.length)];
                default -> first[rng.nextInt(first.length)] + " " + last[rng.nextInt(last.length)];
            };
        };
    }
}
