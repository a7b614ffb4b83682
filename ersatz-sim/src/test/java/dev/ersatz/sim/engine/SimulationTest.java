package dev.ersatz.sim.engine;

import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.example.Epidemic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationTest {

    /** Collects every event with its step. */
    static final class Collect<E> implements EventSink<E> {
        final List<E> events = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();

        @Override
        public void accept(long step, List<E> batch) {
            events.addAll(batch);
            steps.add(step);
        }
    }

    @Test
    void run_sameSeed_sameEventsOnOneTwoAndFourThreads() {
        // 30,000 people: 59 blocks per step, so the threads really interleave.
        int[][] net = Epidemic.erdosRenyi(30_000, 8, 11);
        Collect<Epidemic.Event> one = new Collect<>(), two = new Collect<>(), four = new Collect<>();
        Epidemic.run(net, 0.06, 4, 50, 200, 42, 1, one);
        Epidemic.run(net, 0.06, 4, 50, 200, 42, 2, two);
        Epidemic.run(net, 0.06, 4, 50, 200, 42, 4, four);
        assertThat(one.events).hasSizeGreaterThan(10_000);
        assertThat(two.events).isEqualTo(one.events);
        assertThat(four.events).isEqualTo(one.events);
    }

    @Test
    void run_otherSeed_otherEvents() {
        int[][] net = Epidemic.erdosRenyi(5_000, 8, 11);
        Collect<Epidemic.Event> a = new Collect<>(), b = new Collect<>();
        Epidemic.run(net, 0.06, 4, 20, 200, 1, 1, a);
        Epidemic.run(net, 0.06, 4, 20, 200, 2, 1, b);
        assertThat(a.events).isNotEqualTo(b.events);
    }

    /** An agent that records when it acts and follows a script of scheduling calls. */
    record Scripted(List<String> log, java.util.function.Consumer<Context<Object, String>> script) implements Agent<Object, String> {
        @Override
        public void act(Context<Object, String> ctx) {
            log.add(ctx.agent() + "@" + ctx.step());
            script.accept(ctx);
        }
    }

    @Test
    void schedule_defaultNextStep_wakeAt_sleep_idle_retire() {
        List<String> log = new ArrayList<>();
        Simulation<Object, String> sim = new Simulation<>(new Object(), 1);
        sim.add(new Scripted(log, c -> { }), 0);                          // every step
        sim.add(new Scripted(log, c -> c.wakeAt(c.step() + 3)), 1);         // steps 1, 4, 7
        sim.add(new Scripted(log, c -> c.sleep(5)), 2);                     // steps 2, 7
        sim.add(new Scripted(log, Context::idle), 0);                       // step 0 only
        sim.add(new Scripted(log, c -> { if (c.step() == 2) c.retire(); }), 0); // 0, 1, 2
        sim.run(8, (s, e) -> { }, 1, Progress.NONE);
        assertThat(log.stream().filter(s -> s.startsWith("0@")).count()).isEqualTo(8);
        assertThat(log).contains("1@1", "1@4", "1@7").doesNotContain("1@2", "1@5");
        assertThat(log).contains("2@2", "2@7").doesNotContain("2@3");
        assertThat(log.stream().filter(s -> s.startsWith("3@"))).containsExactly("3@0");
        assertThat(log.stream().filter(s -> s.startsWith("4@"))).containsExactly("4@0", "4@1", "4@2");
    }

    @Test
    void effects_appliedByOrderKeyThenAgentThenPostingOrder() {
        List<String> applied = new ArrayList<>();
        Simulation<List<String>, String> sim = new Simulation<>(applied, 1);
        for (int a = 0; a < 3; a++) {
            int me = a;
            sim.add(ctx -> {
                ctx.post(10 - me, (w, c) -> w.add(me + ":late" + (10 - me)));
                ctx.post(0, (w, c) -> w.add(me + ":first"));
                ctx.post(0, (w, c) -> w.add(me + ":second"));
                ctx.retire();
            }, 0);
        }
        sim.run(1, (s, e) -> { }, 2, Progress.NONE);
        assertThat(applied).containsExactly("0:first", "0:second", "1:first", "1:second", "2:first", "2:second",
                "2:late8", "1:late9", "0:late10");
    }

    @Test
    void effects_emitAfterActEvents_andWakeAndSpawn() {
        Collect<String> out = new Collect<>();
        Simulation<Object, String> sim = new Simulation<>(new Object(), 1);
        List<String> log = new ArrayList<>();
        int sleeper = sim.addIdle(new Scripted(log, Context::idle));
        sim.add(ctx -> {
            ctx.emit("acted");
            ctx.post(0, (w, c) -> {
                c.emit("committed");
                c.wake(sleeper, 3);
                c.spawn(new Scripted(log, Context::retire), 2);
            });
            ctx.retire();
        }, 0);
        sim.run(5, out, 1, Progress.NONE);
        assertThat(out.events).containsExactly("acted", "committed");
        assertThat(log).containsExactly("2@2", "0@3");
    }

    @Test
    void run_progressThrows_cancels() {
        Simulation<Object, String> sim = new Simulation<>(new Object(), 1);
        sim.add(ctx -> { }, 0);
        List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> sim.run(100, (s, e) -> { }, 1, (phase, done, total) -> {
            seen.add(done);
            if (done == 3) throw new CancellationException("stop");
        })).isInstanceOf(CancellationException.class);
        assertThat(seen).containsExactly(1L, 2L, 3L);
    }

    @Test
    void run_agentFails_sameFailureOnAnyThreadCount() {
        for (int threads : new int[] {1, 2}) {
            Simulation<Object, String> sim = new Simulation<>(new Object(), 1);
            for (int i = 0; i < 3 * Simulation.BLOCK; i++) {
                int me = i;
                sim.add(ctx -> {
                    if (ctx.step() == 1 && me % Simulation.BLOCK == 7) throw new IllegalStateException("agent " + me);
                }, 0);
            }
            assertThatThrownBy(() -> sim.run(3, (s, e) -> { }, threads, Progress.NONE))
                    .hasMessage("agent 7");
        }
    }

    @Test
    void wakeAt_pastOrPresent_rejected() {
        Simulation<Object, String> sim = new Simulation<>(new Object(), 1);
        sim.add(ctx -> ctx.wakeAt(ctx.step()), 0);
        assertThatThrownBy(() -> sim.run(2, (s, e) -> { }, 1, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot wake at step 0");
    }

    @Test
    void run_memoryHeldIsOneStep_sinkGetsEveryStepOnce() {
        Collect<String> out = new Collect<>();
        Simulation<Object, String> sim = new Simulation<>(new Object(), 1);
        sim.add(ctx -> ctx.emit("e" + ctx.step()), 0);
        RunStats stats = sim.run(50, out, 2, Progress.NONE);
        assertThat(out.steps).hasSize(50).isSorted();
        assertThat(stats.events()).isEqualTo(50);
        assertThat(stats.activations()).isEqualTo(50);
    }
}
