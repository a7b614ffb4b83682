package dev.ersatz.sim.engine;

import dev.ersatz.core.Progress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndependentTest {

    static List<String> run(int threads) {
        List<String> out = new ArrayList<>();
        Independent.<String>run(1_000, 7, 37, threads, (agent, rng, emit) -> {
            int n = rng.nextInt(4);
            for (int i = 0; i < n; i++) emit.accept(agent + ":" + rng.nextInt(1000));
        }, (block, events) -> out.addAll(events), Progress.NONE);
        return out;
    }

    @Test
    void run_sameEventsInAgentOrderOnAnyThreadCount() {
        List<String> one = run(1);
        assertThat(run(2)).isEqualTo(one);
        assertThat(run(3)).isEqualTo(one);
        long last = -1;
        for (String e : one) {
            long agent = Long.parseLong(e.substring(0, e.indexOf(':')));
            assertThat(agent).isGreaterThanOrEqualTo(last);
            last = agent;
        }
    }
}
