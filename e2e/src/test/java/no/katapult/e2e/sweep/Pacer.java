package no.katapult.e2e.sweep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests to the gateway below its rate limits, so that its answers are about the input and not about the
 * budget: one slot schedule per key (the client address, each token subject, the stricter availability route).
 * A request takes the next free slot of every key it counts against, and waits for the latest of them.
 */
final class Pacer {

    /** A budget: at most {@code perSecond} requests a second under this key. */
    record Budget(String key, double perSecond) {
    }

    private final Map<String, Long> next = new HashMap<>();

    /** Blocks until a request may go out under every budget; the slot it takes is the same in each. */
    void acquire(List<Budget> budgets) {
        long at;
        synchronized (next) {
            at = System.nanoTime();
            for (Budget b : budgets) {
                at = Math.max(at, next.getOrDefault(b.key(), 0L));
            }
            for (Budget b : budgets) {
                next.put(b.key(), at + (long) (1e9 / b.perSecond()));
            }
        }
        long wait = at - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
