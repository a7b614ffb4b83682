package dev.ersatz.core;

import java.util.List;
import java.util.Objects;

/**
 * What Ersatz knows about one column before fitting: its kind and, where the kind needs one, its
 * format. Detected from the data and written to an editable JSON file; a user's edit wins.
 *
 * @param name             the column's name in the source
 * @param kind             how the column is modelled
 * @param format           for {@link ColumnKind#DATETIME} a {@link java.time.format.DateTimeFormatter}
 *                         pattern (such as {@code yyyy-MM-dd'T'HH:mm:ssXXX}); for {@link ColumnKind#ID}
 *                         the shape of the keys (such as {@code C-#####}); otherwise {@code null}
 * @param pii              for {@link ColumnKind#PII}, which kind of personal data; otherwise {@code null}
 * @param minCategoryCount for categorical and boolean columns: a category seen fewer times than this is
 *                         rare and is not reproduced verbatim ({@code null} means the default, 5; 1 keeps all)
 * @param keep             rare categories the user chooses to keep verbatim anyway ({@code null} = none)
 */
public record ColumnSpec(String name, ColumnKind kind, String format, PiiType pii,
                         Integer minCategoryCount, List<String> keep) {

    /** The default rare-category threshold: a category seen fewer than 5 times is protected. */
    public static final int DEFAULT_MIN_CATEGORY_COUNT = 5;

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (kind == ColumnKind.PII && pii == null) {
            throw new InputException(null, -1, name, null, "kind pii needs a \"pii\" type (one of " + lower(PiiType.values()) + ")");
        }
        if (kind == ColumnKind.DATETIME && (format == null || format.isBlank())) {
            throw new InputException(null, -1, name, null, "kind datetime needs a \"format\" pattern such as yyyy-MM-dd");
        }
        if (minCategoryCount != null && minCategoryCount < 1) {
            throw new InputException(null, -1, name, String.valueOf(minCategoryCount), "minCategoryCount must be at least 1");
        }
        keep = keep == null ? null : List.copyOf(keep);
    }

    public static ColumnSpec of(String name, ColumnKind kind) {
        return new ColumnSpec(name, kind, null, null, null, null);
    }

    public static ColumnSpec datetime(String name, String pattern) {
        return new ColumnSpec(name, ColumnKind.DATETIME, pattern, null, null, null);
    }

    public static ColumnSpec pii(String name, PiiType type) {
        return new ColumnSpec(name, ColumnKind.PII, null, type, null, null);
    }

    /** The rare-category threshold in force (the default when unset). */
    public int effectiveMinCategoryCount() {
        return minCategoryCount == null ? DEFAULT_MIN_CATEGORY_COUNT : minCategoryCount;
    }

    /** Whether the column is learned from the data (ID, PII and TEXT columns are not). */
    public boolean isLearned() {
        return kind != ColumnKind.ID && kind != ColumnKind.PII && kind != ColumnKind.TEXT;
    }

    public ColumnSpec withKind(ColumnKind newKind) {
        return new ColumnSpec(name, newKind, format, pii, minCategoryCount, keep);
    }

    static String lower(Enum<?>[] values) {
        StringBuilder sb = new StringBuilder();
        for (Enum<?> v : values) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(v.name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}
