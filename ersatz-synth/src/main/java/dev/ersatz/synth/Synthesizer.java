package dev.ersatz.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.transform.ModelColumn;

import java.util.List;

/**
 * An unfitted synthesizer: a validated set of options that can learn a table's distribution.
 *
 * <p>Synthesizers work in model space: the table they fit has already been encoded by a
 * {@link dev.ersatz.core.transform.TableCodec} into numeric columns (NaN = missing) and categorical
 * columns (codes, -1 = missing). {@link FittedModel} wraps the codec around the fitted generator,
 * so a synthesizer never deals with text, formats, IDs or PII.
 */
public interface Synthesizer {

    /** The registry name, such as {@code copula}. */
    String name();

    /** The options in their stable key/value form (stored in model files as provenance). */
    ObjectNode options();

    /**
     * Fits the model. Must be a pure function of ({@code data}, options, {@code seed}): the same inputs
     * give a generator whose JSON is byte-identical.
     */
    FittedGenerator fit(Table data, List<ModelColumn> columns, long seed, Progress progress);
}
