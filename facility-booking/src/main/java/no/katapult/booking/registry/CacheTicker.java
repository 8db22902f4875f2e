package no.katapult.booking.registry;

import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The time source of the registry catalogue's cache: {@code System.nanoTime}, which never goes back. A bean, so
 * that a test can move it forward past the refresh point and the lifetime instead of waiting them out.
 */
@Singleton
class CacheTicker {

    @Produces
    @Singleton
    @DefaultBean
    Ticker ticker() {
        return Ticker.systemTicker();
    }
}
