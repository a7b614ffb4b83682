package dev.ersatz.synth.balance;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HybridTest {
    @Test
    void plan_shareOfRows_roundedRealRowsDistinctAscendingAndSeeded() {
        Hybrid.Plan p = Hybrid.plan(344, 1001, 0.25, 7);
        assertThat(p.realRows()).hasSize(250); // round(250.25)
        assertThat(p.syntheticRows()).isEqualTo(751);
        assertThat(Arrays.stream(p.realRows()).distinct().count()).isEqualTo(250);
        assertThat(p.realRows()).isSorted();
        assertThat(p.realRows()[249]).isLessThan(344);
        assertThat(Hybrid.plan(344, 1001, 0.25, 7).realRows()).containsExactly(p.realRows());
        assertThat(Hybrid.plan(344, 1001, 0.25, 8).realRows()).isNotEqualTo(p.realRows());
        assertThat(Hybrid.plan(344, 344, 1.0, 1).realRows()).hasSize(344);
        assertThat(Hybrid.plan(344, 500, 0.0, 1).realRows()).isEmpty();
    }

    @Test
    void plan_moreRealRowsThanTheInputHas_namesBothNumbers() {
        assertThatThrownBy(() -> Hybrid.plan(100, 1000, 0.5, 1)).isInstanceOf(InputException.class)
                .hasMessageContaining("500 real rows").hasMessageContaining("input has 100");
        assertThatThrownBy(() -> Hybrid.plan(100, 10, -0.1, 1)).isInstanceOf(InputException.class).hasMessageContaining("between 0 and 1");
    }
}
