package dev.steadfast.resilience.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A retry budget in the manner of Finagle's: every call deposits a share of one retry, every retry withdraws a
 * whole one, and both expire after a time window, so retries may add at most a percentage of the calls of the last
 * window; a fixed reserve lets a quiet caller still retry a few times per second.
 *
 * <p>The window is a ring of ten slots holding net token amounts; a slot is cleared when the clock moves past it,
 * so an entry expires between one window and one window plus one slot after it was made. Thread-safe.
 */
public final class RetryBudget {

    private static final int SLOTS = 10;

    /** Tokens one retry costs; a call deposits {@code percent * 10} of them, so whole numbers suffice. */
    private static final long RETRY_COST = 1000;

    private final LongSupplier nanoClock;
    private final long slotNanos;
    private final long deposit;
    private final long reserve;
    private final long[] slots = new long[SLOTS];
    private long currentSlot;
    private long sum;

    RetryBudget(double percent, Duration window, int minRetriesPerSecond, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.slotNanos = Math.max(1, window.toNanos() / SLOTS);
        this.deposit = Math.round(percent * RETRY_COST / 100);
        // Enough for minRetriesPerSecond throughout the window, since withdrawals expire with it.
        this.reserve = Math.round(minRetriesPerSecond * (window.toNanos() / 1e9) * RETRY_COST);
        this.currentSlot = nanoClock.getAsLong() / slotNanos;
    }

    /** Records a call (its first attempt). */
    public synchronized void deposit() {
        advance();
        slots[(int) (currentSlot % SLOTS)] += deposit;
        sum += deposit;
    }

    /** Takes one retry from the budget, if it holds one. */
    public synchronized boolean tryWithdraw() {
        advance();
        if (reserve + sum < RETRY_COST) {
            return false;
        }
        slots[(int) (currentSlot % SLOTS)] -= RETRY_COST;
        sum -= RETRY_COST;
        return true;
    }

    /** The number of retries the budget would allow now. */
    public synchronized long available() {
        advance();
        return Math.max(0, (reserve + sum) / RETRY_COST);
    }

    private void advance() {
        long slot = nanoClock.getAsLong() / slotNanos;
        if (slot <= currentSlot) {
            return;
        }
        long expired = Math.min(SLOTS, slot - currentSlot);
        for (long i = 1; i <= expired; i++) {
            int index = (int) ((currentSlot + i) % SLOTS);
            sum -= slots[index];
            slots[index] = 0;
        }
        currentSlot = slot;
    }
}
