package io.higress.fleet.upstream;

import java.util.ArrayDeque;

/**
 * One upstream's bulkhead: at most {@code limit} calls in flight; callers beyond wait in one of two FIFO lanes of
 * {@code queue} places each. A freed slot goes to the priority lane first (the rollout health gate's reads), so
 * dashboard load delays a gate by at most the calls already in flight, and a full dashboard lane never refuses a
 * gate read. Waiters are handed their slot by the releasing thread; a waiter that gave up is removed.
 */
final class Bulkhead {

    /** A caller waiting for a slot; {@link #granted} runs once, on the thread that frees the slot. */
    abstract static class Waiter {
        abstract void granted();
    }

    private final int limit;
    private final int queue;
    private final ArrayDeque<Waiter> first = new ArrayDeque<>();
    private final ArrayDeque<Waiter> normal = new ArrayDeque<>();
    private int inFlight;

    Bulkhead(int limit, int queue) {
        this.limit = limit;
        this.queue = queue;
    }

    /**
     * Takes a slot now ({@link Entry#ENTERED}), queues {@code waiter} for the next one ({@link Entry#QUEUED}) or
     * refuses because the lane is full ({@link Entry#FULL}).
     */
    synchronized Entry enter(boolean priority, Waiter waiter) {
        if (inFlight < limit) {
            inFlight++;
            return Entry.ENTERED;
        }
        ArrayDeque<Waiter> lane = priority ? first : normal;
        if (lane.size() >= queue) {
            return Entry.FULL;
        }
        lane.addLast(waiter);
        return Entry.QUEUED;
    }

    enum Entry { ENTERED, QUEUED, FULL }

    /** Removes a waiter that gave up; false when it was already granted its slot (it must then release it). */
    synchronized boolean leave(Waiter waiter) {
        return first.remove(waiter) || normal.remove(waiter);
    }

    /** Frees a slot: the next waiter, priority lane first, takes it over. */
    void release() {
        Waiter next;
        synchronized (this) {
            next = first.pollFirst();
            if (next == null) {
                next = normal.pollFirst();
            }
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.granted();
    }
}
