package dev.ersatz.sim.engine;

import dev.ersatz.core.Progress;
import dev.ersatz.core.util.IntList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A discrete-step agent-based simulation: agents with state, a scheduler with timed wake-ups, a world
 * that agents read and write through the engine, and per-agent random streams split from the run seed.
 *
 * <p><b>How a step runs.</b> Step {@code t} takes the agents woken for it, in ascending id, and cuts
 * them into fixed blocks of {@value #BLOCK} agents. Blocks are acted on in parallel; every agent reads
 * the world as it stood at the start of the step and gets the random stream {@code (seed, agent, t)}.
 * What the agents emit is concatenated in block order (so in agent order); what they post is then
 * applied on one thread in the order of the effects' keys, ties by agent id and posting order. Wake-ups
 * and retirements are applied last. This is synchronous updating, as in a cellular automaton (every
 * cell reads the old grid, the new one is written after): results of agent models can depend on the
 * update scheme (Huberman and Glance 1993, "Evolutionary games and computer simulations"), so it is
 * fixed and documented here. It is also what makes the output byte-identical whatever the number of
 * threads: nothing an agent sees or draws depends on scheduling.
 *
 * <p><b>Memory.</b> Only the current step's events are held; each step's list goes to the
 * {@link EventSink} (wrap a slow one in {@link AsyncSink} to write while the next step runs). The
 * schedule holds one entry per pending wake-up, and a retired agent is let go of (only its slot, one
 * reference, stays). Memory is therefore flat in the number of steps and linear in the number of live
 * agents.
 *
 * <p><b>Progress and cancellation.</b> {@code progress} is told after every step; it may throw
 * {@link CancellationException} to stop the run, as may {@link #cancel()} from another thread or an
 * interrupt of the calling thread. A cancelled run throws {@link CancellationException}.
 *
 * <p>Typical use (the epidemic example in {@code dev.ersatz.sim.engine.example} is a complete one):
 * <pre>{@code
 * Simulation<World, Event> sim = new Simulation<>(world, seed);
 * for (...) sim.add(new MyAgent(...), 0);
 * sim.run(steps, sink, threads, Progress.NONE);
 * }</pre>
 *
 * @param <W> the world type
 * @param <E> the event type
 */
public final class Simulation<W, E> {
    /** Agents per block: the unit of parallel work, fixed so results do not depend on the thread count. */
    public static final int BLOCK = 512;

    private final W world;
    private final long seed;
    private final List<Agent<W, E>> agents = new ArrayList<>();
    private final Map<Long, IntList> schedule = new HashMap<>();
    private boolean[] retired = new boolean[64];
    private volatile boolean cancelled;
    private long horizon = Long.MAX_VALUE;

    /** A simulation of {@code world} whose random streams derive from {@code seed}. */
    public Simulation(W world, long seed) {
        this.world = world;
        this.seed = seed;
    }

    public W world() { return world; }

    public long seed() { return seed; }

    /** How many agents have been added (ids run from 0 to this minus 1). */
    public int agentCount() { return agents.size(); }

    /** Adds an agent first woken at {@code firstStep} and returns its id. Not during a run. */
    public int add(Agent<W, E> agent, long firstStep) {
        if (firstStep < 0) throw new IllegalArgumentException("first step must not be negative: " + firstStep);
        int id = agents.size();
        agents.add(agent);
        if (id >= retired.length) retired = Arrays.copyOf(retired, retired.length * 2);
        schedule(id, firstStep);
        return id;
    }

    /** Adds an agent that sleeps until another agent or an effect wakes it, and returns its id. Not during a run. */
    public int addIdle(Agent<W, E> agent) {
        int id = agents.size();
        agents.add(agent);
        if (id >= retired.length) retired = Arrays.copyOf(retired, retired.length * 2);
        return id;
    }

    /** The agent with id {@code id}; null once it has retired. */
    public Agent<W, E> agent(int id) { return agents.get(id); }

    /** Asks a running simulation to stop; {@link #run} then throws {@link CancellationException}. */
    public void cancel() { cancelled = true; }

    private void schedule(int agent, long step) {
        if (step >= horizon) return;
        schedule.computeIfAbsent(step, s -> new IntList()).add(agent);
    }

    /**
     * Runs steps {@code 0 .. steps-1}, handing each step's events to {@code sink}.
     *
     * @param threads worker threads for the act phase (1 runs everything on the calling thread); the
     *                output does not depend on it
     */
    public RunStats run(long steps, EventSink<E> sink, int threads, Progress progress) {
        if (steps < 0) throw new IllegalArgumentException("steps must not be negative: " + steps);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        horizon = steps;
        schedule.keySet().removeIf(s -> s >= steps);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ersatz-sim-worker");
            t.setDaemon(true);
            return t;
        }) : null;
        List<Context<W, E>> contexts = new ArrayList<>();
        for (int i = 0; i < threads; i++) contexts.add(new Context<>(world, seed));
        List<Context.Block<W, E>> blocks = new ArrayList<>();
        CommitImpl commit = new CommitImpl();
        long activations = 0, effects = 0, events = 0;
        try {
            for (long t = 0; t < steps; t++) {
                if (cancelled || Thread.currentThread().isInterrupted()) throw new CancellationException("simulation cancelled");
                int[] active = take(t);
                activations += active.length;
                int nBlocks = (active.length + BLOCK - 1) / BLOCK;
                while (blocks.size() < nBlocks) blocks.add(new Context.Block<>());
                for (int b = 0; b < nBlocks; b++) blocks.get(b).reset();
                actAll(t, active, nBlocks, blocks, contexts, pool);

                List<E> out = new ArrayList<>();
                int totalEffects = 0;
                for (int b = 0; b < nBlocks; b++) {
                    Context.Block<W, E> block = blocks.get(b);
                    if (block.failure != null) throw block.failure;
                    out.addAll(block.events);
                    totalEffects += block.effectCount;
                }
                commit.begin(t, out);
                if (totalEffects > 0) applyEffects(blocks, nBlocks, totalEffects, commit);
                effects += totalEffects;
                for (int b = 0; b < nBlocks; b++) {
                    Context.Block<W, E> block = blocks.get(b);
                    for (int i = 0; i < block.retiredCount; i++) {
                        retired[block.retired[i]] = true;
                        agents.set(block.retired[i], null);   // a retired agent's state is garbage from here on
                    }
                }
                for (int b = 0; b < nBlocks; b++) {
                    Context.Block<W, E> block = blocks.get(b);
                    for (int i = 0; i < block.wakeCount; i += 2) schedule((int) block.wakes[i], block.wakes[i + 1]);
                }
                events += out.size();
                sink.accept(t, out);
                progress.update("simulate", t + 1, steps);
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        return new RunStats(steps, activations, effects, events, agents.size());
    }

    /** The agents woken for step {@code t}: ascending, without duplicates or retired agents. */
    private int[] take(long t) {
        IntList list = schedule.remove(t);
        if (list == null) return new int[0];
        int[] ids = list.toArray();
        Arrays.sort(ids);
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if ((n > 0 && ids[n - 1] == id) || retired[id]) continue;
            ids[n++] = id;
        }
        return Arrays.copyOf(ids, n);
    }

    private void actAll(long t, int[] active, int nBlocks, List<Context.Block<W, E>> blocks,
                        List<Context<W, E>> contexts, ExecutorService pool) {
        if (pool == null || nBlocks <= 1) {
            for (int b = 0; b < nBlocks; b++) actBlock(t, active, b, blocks.get(b), contexts.get(0));
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        int workers = Math.min(contexts.size(), nBlocks);
        for (int w = 0; w < workers; w++) {
            Context<W, E> ctx = contexts.get(w);
            futures.add(pool.submit(() -> {
                for (int b; (b = next.getAndIncrement()) < nBlocks; ) actBlock(t, active, b, blocks.get(b), ctx);
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("simulation interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            }
        }
    }

    private void actBlock(long t, int[] active, int b, Context.Block<W, E> block, Context<W, E> ctx) {
        int from = b * BLOCK, to = Math.min(active.length, from + BLOCK);
        try {
            for (int i = from; i < to; i++) {
                int id = active[i];
                ctx.begin(block, id, t);
                agents.get(id).act(ctx);
                if (!ctx.scheduled()) block.wake(id, t + 1);
            }
        } catch (RuntimeException e) {
            // Kept per block and rethrown in block order, so the same failure surfaces on any thread count.
            block.failure = e;
        }
    }

    @SuppressWarnings("unchecked")
    private void applyEffects(List<Context.Block<W, E>> blocks, int nBlocks, int total, CommitImpl commit) {
        // Key = (order << 32) | position: a primitive sort that is stable by construction, since the
        // position (block order, then posting order) breaks ties between equal order keys.
        long[] keys = new long[total];
        Object[] effects = new Object[total];
        int[] posters = new int[total];
        int p = 0;
        for (int b = 0; b < nBlocks; b++) {
            Context.Block<W, E> block = blocks.get(b);
            for (int i = 0; i < block.effectCount; i++, p++) {
                keys[p] = ((long) block.orders[i] << 32) | p;
                effects[p] = block.effects[i];
                posters[p] = block.posters[i];
            }
        }
        Arrays.sort(keys);
        for (long key : keys) {
            int i = (int) key;
            commit.poster = posters[i];
            ((Effect<W, E>) effects[i]).apply(world, commit);
        }
    }

    private final class CommitImpl implements Commit<W, E> {
        private long step;
        private List<E> out;
        int poster;

        void begin(long stepNo, List<E> events) {
            this.step = stepNo;
            this.out = events;
        }

        @Override public long step() { return step; }

        @Override public int poster() { return poster; }

        @Override public void emit(E event) { out.add(event); }

        @Override
        public void wake(int agent, long wakeStep) {
            if (wakeStep <= step) throw new IllegalArgumentException("cannot wake at step " + wakeStep + " from step " + step);
            schedule(agent, wakeStep);
        }

        @Override
        public int spawn(Agent<W, E> agent, long firstStep) {
            int id = agents.size();
            agents.add(agent);
            if (id >= retired.length) retired = Arrays.copyOf(retired, retired.length * 2);
            schedule(id, Math.max(firstStep, step + 1));
            return id;
        }
    }
}
