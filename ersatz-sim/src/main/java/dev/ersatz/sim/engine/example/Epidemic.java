package dev.ersatz.sim.engine.example;

import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Agent;
import dev.ersatz.sim.engine.Context;
import dev.ersatz.sim.engine.EventSink;
import dev.ersatz.sim.engine.Rng;
import dev.ersatz.sim.engine.RunStats;
import dev.ersatz.sim.engine.Simulation;

/**
 * A worked example of a user-written agent type: an SIR epidemic on a contact network.
 *
 * <p><b>Model.</b> Kermack and McKendrick's SIR compartments (1927) on a network, in discrete time:
 * each step, every infectious person infects each susceptible contact independently with probability
 * {@code beta}, and stays infectious for {@code duration} steps, then recovers. On an Erdős–Rényi
 * network with mean degree {@code k}, the share of people ever infected in a major outbreak solves
 * {@code z = 1 - exp(-k T z)} with transmissibility {@code T = 1 - (1 - beta)^duration} (Newman 2002,
 * "Spread of epidemic disease on networks", eq. 29 for Poisson degrees); the test checks the engine
 * against it.
 *
 * <p><b>How it maps onto the engine.</b> The world is the network and everyone's health state. A person
 * is an {@link Agent}; a susceptible one sleeps (nobody wakes it until it is infected). An infectious
 * one acts each step: it reads its contacts' states (as they were at the start of the step) and, for
 * each contact it infects, posts an effect. The engine applies the effects after everyone has acted,
 * in agent order: the first infection of a contact wins, later ones in the same step find it no longer
 * susceptible. The effect wakes the newly infected person at the next step. Two infectious people
 * reaching the same contact on different threads thus give the same result every time.
 */
public final class Epidemic {
    /** Health states. */
    public static final byte SUSCEPTIBLE = 0, INFECTIOUS = 1, RECOVERED = 2;

    /** One event of the output: {@code person} changed to {@code state} at {@code step}, infected by {@code source} (-1 when not an infection). */
    public record Event(long step, int person, byte state, int source) {}

    /** The world: who is in contact with whom, and everyone's state. */
    public static final class World {
        final int[][] contacts;
        final byte[] state;

        World(int[][] contacts) {
            this.contacts = contacts;
            this.state = new byte[contacts.length];
        }

        public int size() { return contacts.length; }

        public byte state(int person) { return state[person]; }
    }

    /** A person: idle while susceptible, infectious for {@code duration} steps once infected. */
    static final class Person implements Agent<World, Event> {
        private final double beta;
        private final int duration;
        private int infectiousSteps;

        Person(double beta, int duration) {
            this.beta = beta;
            this.duration = duration;
        }

        @Override
        public void act(Context<World, Event> ctx) {
            World w = ctx.world();
            int me = ctx.agent();
            if (w.state[me] != INFECTIOUS) {
                ctx.idle();
                return;
            }
            Rng rng = ctx.random();
            for (int other : w.contacts[me]) {
                if (w.state[other] == SUSCEPTIBLE && rng.chance(beta)) {
                    ctx.post(0, (world, commit) -> {
                        if (world.state[other] != SUSCEPTIBLE) return;
                        world.state[other] = INFECTIOUS;
                        commit.emit(new Event(commit.step(), other, INFECTIOUS, commit.poster()));
                        commit.wake(other, commit.step() + 1);
                    });
                }
            }
            if (++infectiousSteps >= duration) {
                // Recovery is a write to the world too: posted, so contacts read this step's state as it began.
                ctx.post(1, (world, commit) -> {
                    world.state[me] = RECOVERED;
                    commit.emit(new Event(commit.step(), me, RECOVERED, -1));
                });
                ctx.retire();
            }
        }
    }

    private Epidemic() {}

    /**
     * An Erdős–Rényi network of {@code n} people with mean degree {@code k}: each pair is in contact
     * with probability {@code k / (n - 1)}, drawn by skipping geometric gaps (Batagelj and Brandes 2005,
     * "Efficient generation of large random networks"), so it costs O(n + edges).
     */
    public static int[][] erdosRenyi(int n, double k, long seed) {
        double p = Math.min(1, k / Math.max(1, n - 1));
        dev.ersatz.core.util.IntList[] adj = new dev.ersatz.core.util.IntList[n];
        for (int i = 0; i < n; i++) adj[i] = new dev.ersatz.core.util.IntList();
        Rng rng = new Rng(Rng.key(seed, 0x6E6574L));
        if (p > 0) {
            double logq = Math.log(1 - p);
            int v = 1, w = -1;
            while (v < n) {
                w += p >= 1 ? 1 : 1 + (int) Math.floor(Math.log(rng.nextOpenDouble()) / logq);
                while (w >= v && v < n) {
                    w -= v;
                    v++;
                }
                if (v < n) {
                    adj[v].add(w);
                    adj[w].add(v);
                }
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) out[i] = adj[i].toArray();
        return out;
    }

    /**
     * Runs an epidemic on {@code contacts} from {@code seeds} people infected at step 0 (the first
     * {@code seeds} in a seeded shuffle), for at most {@code steps} steps.
     */
    public static RunStats run(int[][] contacts, double beta, int duration, int seeds, long steps, long seed, int threads,
                               EventSink<Event> sink) {
        World world = new World(contacts);
        Rng rng = new Rng(Rng.key(seed, 0x736565L));
        int[] order = new int[contacts.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = 0; i < Math.min(seeds, order.length); i++) {
            int j = i + rng.nextInt(order.length - i);
            int t = order[i]; order[i] = order[j]; order[j] = t;
            world.state[order[i]] = INFECTIOUS;
        }
        Simulation<World, Event> sim = new Simulation<>(world, seed);
        for (int i = 0; i < contacts.length; i++) {
            Person p = new Person(beta, duration);
            if (world.state[i] == INFECTIOUS) sim.add(p, 0); else sim.addIdle(p);
        }
        return sim.run(steps, sink, threads, Progress.NONE);
    }
}
