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

    @Test
    void parse_notEquals_readsOperatorNotValue() {
        Condition c = Condition.parse("sex != Male");
        assertThat(c.op()).isEqualTo(Condition.Op.NE);
        assertThat(c.value()).isEqualTo("Male");
        // The first operator from the left counts: here '=' (the value is "!x").
        assertThat(Condition.parse("tag=!x").op()).isEqualTo(Condition.Op.EQ);
        assertThat(Condition.parse("tag=!x").value()).isEqualTo("!x");
    }

    @Test
    void parse_sets_membersTrimmedQuotedOrNegated() {
        Condition in = Condition.parse("race in {Black, Asian-Pac-Islander}");
        assertThat(in.op()).isEqualTo(Condition.Op.IN);
        assertThat(in.values()).containsExactly("Black", "Asian-Pac-Islander");
        assertThat(in.toString()).isEqualTo("race in {Black,Asian-Pac-Islander}");
        Condition quoted = Condition.parse("city in {\"Washington, D.C.\", Oslo}");
        assertThat(quoted.values()).containsExactly("Washington, D.C.", "Oslo");
        Condition not = Condition.parse("workclass not in {Private,Self-emp-inc}");
        assertThat(not.op()).isEqualTo(Condition.Op.NOT_IN);
        assertThat(not.column()).isEqualTo("workclass");
        assertThat(not.values()).containsExactly("Private", "Self-emp-inc");
        assertThat(Condition.parse("age in {30,40}").values()).containsExactly("30", "40");
    }

    @Test
    void parse_badSets_areClearErrors() {
        assertThatThrownBy(() -> Condition.parse("race in {}")).isInstanceOf(InputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Condition.parse("race in {a,,b}")).isInstanceOf(InputException.class).hasMessageContaining("empty member");
        assertThatThrownBy(() -> Condition.parse("race in {\"a}")).isInstanceOf(InputException.class).hasMessageContaining("quote");
        assertThatThrownBy(() -> Condition.parse("race in Black")).isInstanceOf(InputException.class).hasMessageContaining("in {a,b,c}");
        assertThatThrownBy(() -> Condition.parse("age in [,5]")).isInstanceOf(InputException.class).hasMessageContaining("both ends");
    }
}
