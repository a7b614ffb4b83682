package dev.ersatz.synth.dp;

/** A fitted generator trained with differential privacy: what it spent, for the user and the model file. */
public interface PrivacyReport {
    /** One line: the guarantee and how the budget was spent, such as "ε = 1 (structure ε=0.27; ...)". */
    String privacySummary();
}
