package dev.ersatz.sim.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleLoaderTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Module parse(String json) throws Exception {
        return ModuleLoader.parse(JSON.readTree(json), "m.json");
    }

    static String module(String states) {
        return "{\"name\": \"T\", \"states\": {\"Initial\": {\"type\": \"Initial\", \"direct_transition\": \"A\"}, " + states + "}}";
    }

    @Test
    void builtIns_loadWithTargetsAndSources() {
        var mods = ModuleLoader.builtIn();
        assertThat(mods).extracting(Module::name).containsExactly("Mortality", "Type 2 Diabetes", "Hypertension", "Asthma", "Influenza");
        for (Module m : mods.subList(1, mods.size())) {
            assertThat(m.targets()).as(m.name()).isNotEmpty();
            for (Module.Target t : m.targets()) assertThat(t.source()).isNotBlank();
        }
    }

    @Test
    void unknownStateType_namesFileAndState() {
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"Teleport\"}")))
                .isInstanceOf(InputException.class).hasMessageContaining("m.json").hasMessageContaining("state 'A'")
                .hasMessageContaining("unknown state type 'Teleport'").hasMessageContaining("ConditionOnset");
    }

    @Test
    void transitionToMissingState_namesBoth() {
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"Simple\", \"direct_transition\": \"Nowhere\"}")))
                .isInstanceOf(InputException.class).hasMessageContaining("m.json").hasMessageContaining("state 'A'")
                .hasMessageContaining("'Nowhere', which is not a state of this module");
    }

    @Test
    void weightsNotSummingToOne_namesStateAndSum() {
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"Simple\", \"distributed_transition\": [{\"distribution\": 0.5, \"transition\": \"B\"}, "
                + "{\"distribution\": 0.4, \"transition\": \"B\"}]}, \"B\": {\"type\": \"Terminal\"}")))
                .isInstanceOf(InputException.class).hasMessageContaining("m.json").hasMessageContaining("state 'A'")
                .hasMessageContaining("weights sum to 0.9, not 1");
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"Simple\", \"complex_transition\": [{\"distributions\": "
                + "[{\"distribution\": 0.7, \"transition\": \"B\"}, {\"distribution\": 0.7, \"transition\": \"B\"}]}]}, \"B\": {\"type\": \"Terminal\"}")))
                .isInstanceOf(InputException.class).hasMessageContaining("state 'A'").hasMessageContaining("weights sum to 1.4");
    }

    @Test
    void otherMistakes_namedToo() {
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"Guard\", \"allow\": {\"condition_type\": \"Horoscope\"}, \"direct_transition\": \"A\"}")))
                .hasMessageContaining("state 'A'").hasMessageContaining("unknown condition_type 'Horoscope'");
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"Delay\", \"exact\": {\"quantity\": 1, \"unit\": \"fortnights\"}, \"direct_transition\": \"A\"}")))
                .hasMessageContaining("state 'A'").hasMessageContaining("unknown time unit 'fortnights'");
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"ConditionOnset\", \"direct_transition\": \"A\"}")))
                .hasMessageContaining("state 'A'").hasMessageContaining("missing 'codes'");
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"Simple\"}"))).hasMessageContaining("state 'A': no transition");
        assertThatThrownBy(() -> parse("{\"name\": \"T\", \"states\": {\"A\": {\"type\": \"Terminal\"}}}")).hasMessageContaining("no state of type \"Initial\"");
        assertThatThrownBy(() -> parse(module("\"A\": {\"type\": \"ConditionOnset\", \"codes\": [{\"system\": \"SNOMED-CT\", \"code\": \"1\"}], "
                + "\"target_encounter\": \"Visit\", \"direct_transition\": \"A\"}")))
                .hasMessageContaining("state 'A'").hasMessageContaining("target_encounter 'Visit' is not a state");
    }
}
