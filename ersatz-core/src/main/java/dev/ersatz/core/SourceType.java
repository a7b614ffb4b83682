package dev.ersatz.core;

/**
 * The storage type a column had in its source. CSV columns are always {@link #STRING}; Parquet and
 * JDBC columns keep their declared type, which guides detection and the type written back to Parquet.
 */
public enum SourceType {
    STRING, BOOLEAN, INTEGER, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMP_TZ
}
