package dev.ersatz.core.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Column;
import dev.ersatz.core.ColumnSpec;
import dev.ersatz.core.SourceType;
import dev.ersatz.core.StringColumn;

import java.util.List;

/**
 * The fitted, reversible transform of one source column: text in, model columns out, and back.
 *
 * <p>Learned columns (numbers, datetimes, categories) encode to one or two {@link ModelColumn}s that
 * a synthesizer models. Generated columns (IDs, PII, free text) encode to none: their output is made
 * fresh at decode time and never learned from the real values.
 */
public sealed interface ColumnCodec permits NumericCodec, DatetimeCodec, CategoricalCodec, GeneratedCodec {

    /** The column's spec. */
    ColumnSpec spec();

    /** The model columns this codec produces (empty for generated columns). */
    List<ModelColumn> modelColumns(int sourceIndex);

    /**
     * Encodes the source column. With {@code strict}, a value that does not fit the spec is an
     * {@link dev.ersatz.core.InputException} naming {@code source}, the row and the value.
     */
    List<Column> encode(StringColumn raw, String source, long seed);

    /**
     * Decodes model columns (in the order of {@link #modelColumns}) to text. {@code typed} asks for
     * the canonical forms a typed sink casts (ISO dates, true/false); otherwise the source's format.
     * {@code firstRow} and {@code seed} drive generated columns, so a row's value depends only on its
     * index and the seed, not on how rows are chunked.
     */
    String[] decode(List<Column> model, int rows, long firstRow, long seed, boolean typed);

    /** The storage type for typed sinks (Parquet). */
    SourceType outputType();

    /** The codec's learned state as JSON. */
    ObjectNode toJson();
}
