package dev.ersatz.sim.engine;

import java.util.List;
import java.util.Objects;

/**
 * One typed column of a simulator's output table.
 *
 * @param name   the column name
 * @param type   how values are held and written
 * @param levels the labels of an {@link Type#ENUM} column (codes index them); empty for other types
 */
public record Field(String name, Type type, List<String> levels) {

    /** Column types, and how CSV and Parquet write them. */
    public enum Type {
        /** A 64-bit integer: digits in CSV, BIGINT in Parquet. */
        LONG,
        /** An identifier held as a non-negative long: digits in CSV, VARCHAR in Parquet (it is a name, not a number). */
        ID,
        /** A double: shortest exact text in CSV, DOUBLE in Parquet. */
        DOUBLE,
        /** Money as a long number of cents: {@code 123.45} in CSV, DECIMAL(18,2) in Parquet (exact). */
        MONEY,
        /** Text: quoted where needed in CSV, VARCHAR in Parquet. */
        STRING,
        /** {@code true}/{@code false} in CSV, BOOLEAN in Parquet. */
        BOOLEAN,
        /** Epoch seconds (UTC): {@code 2025-01-06T13:05:09} in CSV, TIMESTAMP in Parquet. */
        TIMESTAMP,
        /** Epoch days: {@code 2025-01-06} in CSV, DATE in Parquet. */
        DATE,
        /** A code into {@link Field#levels()}: the label in CSV, VARCHAR in Parquet. */
        ENUM
    }

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        levels = List.copyOf(levels);
        if (type == Type.ENUM && levels.isEmpty()) throw new IllegalArgumentException("enum column '" + name + "' needs levels");
    }

    public static Field of(String name, Type type) {
        return new Field(name, type, List.of());
    }

    public static Field enumOf(String name, List<String> levels) {
        return new Field(name, Type.ENUM, levels);
    }
}
