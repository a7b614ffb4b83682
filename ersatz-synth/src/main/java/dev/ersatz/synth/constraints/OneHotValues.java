package dev.ersatz.synth.constraints;

import java.util.Locale;

/** The labels a one-hot column may hold: 1/true/yes (hot) and 0/false/no (cold), in any case. */
final class OneHotValues {
    private OneHotValues() {}

    /** TRUE for a hot label, FALSE for a cold one, null for anything else. */
    static Boolean hot(String label) {
        if (label == null) return null;
        switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "1", "1.0", "true", "t", "yes", "y": return Boolean.TRUE;
            case "0", "0.0", "false", "f", "no", "n": return Boolean.FALSE;
            default: return null;
        }
    }
}
