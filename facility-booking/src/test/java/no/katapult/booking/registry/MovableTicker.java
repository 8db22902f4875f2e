package no.katapult.booking.registry;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registry cache's time source in every {@code @QuarkusTest} of this module: {@code System.nanoTime} plus
 * however far tests have moved it. It only moves forward, as the real one does, so another test's cached entries
 * can only grow older.
 */
@Singleton
public class MovableTicker implements Ticker {

    private final AtomicLong ahead = new AtomicLong();

    @Override
    public long read() {
        return System.nanoTime() + ahead.get();
    }

    public void advance(Duration duration) {
        ahead.addAndGet(duration.toNanos());
    }
}
