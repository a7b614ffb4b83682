package dev.ersatz.core.util;

import java.util.Arrays;

/** A growable list of ints without boxing (simulation schedules and adjacency lists, WordNet tables). */
public final class IntList {
    private int[] values;
    private int size;

    public IntList() {
        this(8);
    }

    public IntList(int capacity) {
        values = new int[Math.max(1, capacity)];
    }

    public void add(int v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    public int get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return values[i];
    }

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    public void clear() { size = 0; }

    /** A copy of the values, in insertion order. */
    public int[] toArray() { return Arrays.copyOf(values, size); }

    /** Whether {@code v} is in the list (linear scan: for short lists). */
    public boolean contains(int v) {
        for (int i = 0; i < size; i++) if (values[i] == v) return true;
        return false;
    }
}
