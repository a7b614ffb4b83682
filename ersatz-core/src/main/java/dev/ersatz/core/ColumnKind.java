package dev.ersatz.core;

/**
 * What a column holds, which decides how it is modelled.
 *
 * <p>{@link #ID}, {@link #PII} and {@link #TEXT} columns are never learned from the real values:
 * IDs are generated fresh, PII is replaced by format-preserving fake values, free text by filler.
 */
public enum ColumnKind {
    /** Real numbers; learned precision and bounds. */
    NUMERIC,
    /** Whole numbers; outputs are rounded. */
    INTEGER,
    /** A finite set of labels. */
    CATEGORICAL,
    /** Two labels (true/false, yes/no, ...); modelled as a categorical, the literals kept. */
    BOOLEAN,
    /** Dates and timestamps with a learned text format (and zone, where the input has one). */
    DATETIME,
    /** Unique keys: generated fresh in the learned shape, never learned. */
    ID,
    /** Personal data (email, phone, name, ...): replaced by fake values of the same format. */
    PII,
    /** Free text: not learned; replaced by filler text of similar length. */
    TEXT
}
