package dev.ersatz.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataTest {
    @TempDir Path dir;

    @Test
    void toJson_awkwardNamesAndFormats_roundTripExactly() throws Exception {
        Metadata m = new Metadata(List.of(
                ColumnSpec.of("a\":b, \"c", ColumnKind.INTEGER),
                ColumnSpec.datetime("joined", "yyyy-MM-dd'T'HH:mm:ssXXX"),
                ColumnSpec.pii("email", PiiType.EMAIL),
                new ColumnSpec("country", ColumnKind.CATEGORICAL, null, null, 10, List.of("Iceland", "Malta"))));
        String json = m.toJson();
        assertThat(json.lines().filter(l -> l.contains("\"name\"")).count()).isEqualTo(4);
        Path p = dir.resolve("meta.json");
        Files.writeString(p, json);
        assertThat(Metadata.read(p)).isEqualTo(m);
    }

    @Test
    void read_unknownKindOrField_namesFileColumnAndValue() throws Exception {
        Path p = dir.resolve("meta.json");
        Files.writeString(p, "{\"columns\":[{\"name\":\"age\",\"kind\":\"numbr\"}]}");
        assertThatThrownBy(() -> Metadata.read(p)).isInstanceOf(InputException.class)
                .hasMessageContaining("meta.json").hasMessageContaining("'age'").hasMessageContaining("\"numbr\"")
                .hasMessageContaining("integer");
        Files.writeString(p, "{\"columns\":[{\"name\":\"age\",\"kind\":\"integer\",\"colour\":\"red\"}]}");
        assertThatThrownBy(() -> Metadata.read(p)).isInstanceOf(InputException.class).hasMessageContaining("unknown field");
        Files.writeString(p, "{\"columns\":[{\"name\":\"mail\",\"kind\":\"pii\"}]}");
        assertThatThrownBy(() -> Metadata.read(p)).isInstanceOf(InputException.class).hasMessageContaining("\"pii\" type");
        Files.writeString(p, "{not json");
        assertThatThrownBy(() -> Metadata.read(p)).isInstanceOf(InputException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void overriding_listedColumnsWinOthersKeepDetection() {
        Metadata detected = new Metadata(List.of(ColumnSpec.of("a", ColumnKind.INTEGER), ColumnSpec.of("b", ColumnKind.CATEGORICAL)));
        Metadata mine = new Metadata(List.of(ColumnSpec.of("b", ColumnKind.TEXT)));
        assertThat(mine.overriding(detected, "m.json").columns())
                .containsExactly(ColumnSpec.of("a", ColumnKind.INTEGER), ColumnSpec.of("b", ColumnKind.TEXT));
        Metadata wrong = new Metadata(List.of(ColumnSpec.of("zzz", ColumnKind.TEXT)));
        assertThatThrownBy(() -> wrong.overriding(detected, "m.json")).isInstanceOf(InputException.class)
                .hasMessageContaining("'zzz'").hasMessageContaining("a, b");
    }
}
