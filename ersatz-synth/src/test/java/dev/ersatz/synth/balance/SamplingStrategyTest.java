package dev.ersatz.synth.balance;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each strategy against imbalanced-learn's over-sampling definitions, worked by hand. */
class SamplingStrategyTest {
    static Map<String, Long> counts(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        return m;
    }

    private static final Map<String, Long> THREE = counts("c", 100, "a", 10, "b", 50);

    @Test
    void named_threeClasses_matchImbalancedLearn() {
        assertThat(SamplingStrategy.parse("auto").newRows(THREE)).containsExactly(Map.entry("a", 90L), Map.entry("b", 50L));
        assertThat(SamplingStrategy.parse("not-majority").newRows(THREE)).containsExactly(Map.entry("a", 90L), Map.entry("b", 50L));
        assertThat(SamplingStrategy.parse("not minority").newRows(THREE)).containsExactly(Map.entry("b", 50L), Map.entry("c", 0L));
        assertThat(SamplingStrategy.parse("minority").newRows(THREE)).containsExactly(Map.entry("a", 90L));
        assertThat(SamplingStrategy.parse("all").newRows(THREE)).containsExactly(Map.entry("a", 90L), Map.entry("b", 50L), Map.entry("c", 0L));
    }

    @Test
    void named_ties_goToTheFirstLabelInSortedOrder() {
        // max(dict, key=dict.get) over sorted labels: "x" and "y" both have 40, "x" is the majority.
        assertThat(SamplingStrategy.parse("auto").newRows(counts("y", 40, "x", 40, "z", 5)))
                .containsExactly(Map.entry("y", 0L), Map.entry("z", 35L));
        assertThat(SamplingStrategy.parse("minority").newRows(counts("q", 5, "p", 5, "r", 9))).containsExactly(Map.entry("p", 4L));
    }

    @Test
    void ratio_twoClasses_floorOfRatioTimesMajorityMinusMinority() {
        // int(0.5 * 24720 - 7841) = int(4519.0) = 4519; int(0.33 * 1000 - 10) = int(320.0...) = 320.
        assertThat(SamplingStrategy.parse("0.5").newRows(counts("<=50K", 24720, ">50K", 7841))).containsExactly(Map.entry(">50K", 4519L));
        assertThat(SamplingStrategy.parse("0.33").newRows(counts("no", 1000, "yes", 10))).containsExactly(Map.entry("yes", 320L));
        assertThat(SamplingStrategy.parse("1").newRows(counts("no", 1000, "yes", 10))).containsExactly(Map.entry("yes", 990L));
    }

    @Test
    void ratio_errors_nameTheProblem() {
        assertThatThrownBy(() -> SamplingStrategy.parse("0.01").newRows(counts("no", 1000, "yes", 100)))
                .isInstanceOf(InputException.class).hasMessageContaining("'yes' already has 100").hasMessageContaining("raise the ratio");
        assertThatThrownBy(() -> SamplingStrategy.parse("0.5").newRows(THREE))
                .isInstanceOf(InputException.class).hasMessageContaining("two classes only");
        assertThatThrownBy(() -> SamplingStrategy.parse("1.5")).isInstanceOf(InputException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> SamplingStrategy.parse("0")).isInstanceOf(InputException.class);
    }

    @Test
    void counts_totalsPerClass_becomeNewRows() {
        assertThat(SamplingStrategy.parse("a=2000, \"b\"=50").newRows(THREE)).containsExactly(Map.entry("a", 1990L), Map.entry("b", 0L));
        assertThat(SamplingStrategy.parse("\"x,y\"=7").newRows(counts("x,y", 3, "z", 9))).containsExactly(Map.entry("x,y", 4L));
    }

    @Test
    void counts_errors_nameClassAndNumbers() {
        assertThatThrownBy(() -> SamplingStrategy.parse("a=5").newRows(THREE))
                .isInstanceOf(InputException.class).hasMessageContaining("'a' already has 10").hasMessageContaining("at least 10");
        assertThatThrownBy(() -> SamplingStrategy.parse("d=5").newRows(THREE))
                .isInstanceOf(InputException.class).hasMessageContaining("no such class").hasMessageContaining("a, b, c");
        assertThatThrownBy(() -> SamplingStrategy.parse("a=many")).isInstanceOf(InputException.class).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> SamplingStrategy.parse("a=-1")).isInstanceOf(InputException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> SamplingStrategy.parse("majority")).isInstanceOf(InputException.class).hasMessageContaining("over-sampler");
        assertThatThrownBy(() -> SamplingStrategy.parse("most")).isInstanceOf(InputException.class).hasMessageContaining("not a strategy");
    }
}
