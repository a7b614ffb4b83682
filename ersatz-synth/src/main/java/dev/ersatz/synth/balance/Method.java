package dev.ersatz.synth.balance;

import java.util.Locale;

/** The resampling methods of the SMOTE family, by their command-line names. */
public enum Method {
    /** Random over-sampling: bootstrap copies of class rows, optionally a smoothed bootstrap (shrinkage). */
    RANDOM("random"),
    /** SMOTE: interpolation between a row and one of its k nearest neighbours of the same class. */
    SMOTE("smote"),
    /** SMOTE-NC: SMOTE for mixed numeric and categorical columns. */
    SMOTENC("smotenc"),
    /** SMOTE-N: SMOTE for categorical columns, with the value difference metric. */
    SMOTEN("smoten"),
    /** Borderline-SMOTE 1: SMOTE from the rows in danger, towards same-class neighbours. */
    BORDERLINE1("borderline1"),
    /** Borderline-SMOTE 2: SMOTE from the rows in danger, towards any neighbour (other classes at most half-way). */
    BORDERLINE2("borderline2"),
    /** ADASYN: SMOTE with more new rows from rows whose neighbourhood holds more of other classes. */
    ADASYN("adasyn");

    private final String cliName;

    Method(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** The method called {@code name} (case-insensitive; {@code borderline-1}, {@code smote-nc} and the like accepted), or null. */
    public static Method byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Method m : values()) if (m.cliName.equals(n)) return m;
        if (n.equals("randomoversampler") || n.equals("ros")) return RANDOM;
        if (n.equals("borderline")) return BORDERLINE1;
        return null;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
