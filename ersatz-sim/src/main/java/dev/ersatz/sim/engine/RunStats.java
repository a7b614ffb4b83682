package dev.ersatz.sim.engine;

/**
 * Counts from a finished run: steps taken, agent activations, effects applied, events emitted and
 * agents at the end.
 */
public record RunStats(long steps, long activations, long effects, long events, int agents) {}
