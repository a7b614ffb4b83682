package dev.ersatz.synth;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.core.transform.TextStyle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code auto}: the rule, and the choice recorded in the model (the contract runs it through {@link RegistryConformanceTest}). */
class AutoSynthesizerTest {

    private static List<ModelColumn> numeric(int p) {
        List<ModelColumn> out = new ArrayList<>();
        for (int j = 0; j < p; j++) out.add(new ModelColumn("x" + j, false, List.of(), j));
        return out;
    }

    @Test
    void choose_ordinaryTables_cart_wideAndLarge_arf() {
        assertThat(AutoSynthesizer.choose(32_561, numeric(15))[0]).isEqualTo("cart");
        assertThat(AutoSynthesizer.choose(1_000_000, numeric(AutoSynthesizer.WIDE))[0]).isEqualTo("cart");
        assertThat(AutoSynthesizer.choose(1_000, numeric(AutoSynthesizer.WIDE + 1))[0]).isEqualTo("cart");
        String[] wide = AutoSynthesizer.choose(100_000, numeric(AutoSynthesizer.WIDE + 1));
        assertThat(wide[0]).isEqualTo("arf");
        assertThat(wide[1]).contains("101 learned columns");
    }

    @Test
    void fit_penguins_recordsTheChoiceInTheModelAndKeepsItThroughSaveAndLoad() {
        ReadResult data = Fixtures.penguins();
        FittedModel m = FittedModel.fit(data.table(), Fixtures.penguinsMetadata(), TextStyle.defaults(data.table().columnCount()),
                Registry.create("auto"), 3, data.source(), Progress.NONE);
        assertThat(m.synthesizer()).isEqualTo("auto");
        assertThat(m.provenance().path("chosen").asText()).isEqualTo("cart");
        assertThat(m.provenance().path("reason").asText()).isNotBlank();
        assertThat(m.generator()).isInstanceOf(AutoSynthesizer.Fitted.class);
        FittedModel back = FittedModel.load(m.toBytes(), "memory");
        assertThat(((AutoSynthesizer.Fitted) back.generator()).chosen()).isEqualTo("cart");
        assertThat(back.sample(200, 5).rowCount()).isEqualTo(200);
        assertThat(back.toBytes()).isEqualTo(m.toBytes());
    }

    @Test
    void fromOptions_anyOption_refusedNamingIt() {
        assertThatThrownBy(() -> Registry.get("auto").create(Map.of("minLeaf", "3")))
                .isInstanceOf(InputException.class).hasMessageContaining("minLeaf").hasMessageContaining("takes no options");
    }
}
