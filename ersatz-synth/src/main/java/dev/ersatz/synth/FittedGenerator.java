package dev.ersatz.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelCondition;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted synthesizer in model space: immutable, thread-safe, and a pure function of its random stream.
 */
public interface FittedGenerator {

    /**
     * Samples {@code rows} rows of model columns, all satisfying {@code conditions} (empty for none),
     * using only {@code rng} for randomness. A condition the model cannot honour exactly must raise an
     * {@link dev.ersatz.core.InputException}, never be dropped silently.
     */
    Table sample(int rows, List<ModelCondition> conditions, SplittableRandom rng);

    /**
     * Whether {@link #sample} honours this condition itself. By default only {@link ModelCondition#simple()}
     * ones (one category, one interval); {@link FittedModel} meets the others by a bounded search
     * around the generator, so a generator that does not override this still satisfies every condition.
     */
    default boolean supports(ModelCondition condition) {
        return condition.simple();
    }

    /** How conditional samples are drawn, for the user: "exact" or a description of the approximation. */
    String conditioningMethod(List<ModelCondition> conditions);

    /** The fitted state as JSON (the model file's generator body). */
    ObjectNode toJson();
}
