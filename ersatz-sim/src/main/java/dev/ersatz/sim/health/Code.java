package dev.ersatz.sim.health;

import java.util.Locale;

/**
 * A clinical code: its system (as a FHIR system URI), the code and its display text.
 *
 * <p>Modules name systems as Synthea does ({@code SNOMED-CT}, {@code LOINC}, {@code RxNorm}); they are
 * mapped to the URIs FHIR uses.
 */
public record Code(String system, String code, String display) {
    public static final String SNOMED = "http://snomed.info/sct", LOINC = "http://loinc.org",
            RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /** The FHIR system URI for a module's system name (unknown names are kept as given). */
    public static String systemUri(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace("_", "-");
        return switch (n) {
            case "SNOMED-CT", "SNOMED", "SCT" -> SNOMED;
            case "LOINC" -> LOINC;
            case "RXNORM" -> RXNORM;
            default -> name;
        };
    }

    /** The short system name used in CSV output. */
    public String systemName() {
        return switch (system) {
            case SNOMED -> "SNOMED-CT";
            case LOINC -> "LOINC";
            case RXNORM -> "RxNorm";
            default -> system;
        };
    }

    /** A key for maps: system and code. */
    public String key() {
        return system + "|" + code;
    }
}
