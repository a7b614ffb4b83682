package dev.ersatz.core.transform;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {
    @Test
    void parse_equalsWithOperatorInValue_takesFirstOperator() {
        Condition c = Condition.parse("income=>50K");
        assertThat(c.column()).isEqualTo("income");
        assertThat(c.op()).isEqualTo(Condition.Op.EQ);
        assertThat(c.value()).isEqualTo(">50K");
    }

    @Test
    void parse_comparisons_readOperators() {
        assertThat(Condition.parse("age>70").op()).isEqualTo(Condition.Op.GT);
        assertThat(Condition.parse("age >= 18").op()).isEqualTo(Condition.Op.GE);
        assertThat(Condition.parse("age<30").op()).isEqualTo(Condition.Op.LT);
        assertThat(Condition.parse("age<=65").value()).isEqualTo("65");
        assertThat(Condition.parse("sex = Female").value()).isEqualTo("Female");
    }

    @Test
    void parse_range_readsBothEnds() {
        Condition c = Condition.parse("hours_per_week in [60,99]");
        assertThat(c.op()).isEqualTo(Condition.Op.BETWEEN);
        assertThat(c.value()).isEqualTo("60");
        assertThat(c.upper()).isEqualTo("99");
    }

    @Test
    void parse_noOperator_isClearError() {
        assertThatThrownBy(() -> Condition.parse("sex")).isInstanceOf(InputException.class).hasMessageContaining("column=value");
        assertThatThrownBy(() -> Condition.parse("age=")).isInstanceOf(InputException.class).hasMessageContaining("no value");
    }
}
