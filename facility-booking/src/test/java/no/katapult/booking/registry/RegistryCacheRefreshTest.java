package no.katapult.booking.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.booking.Api;
import no.katapult.booking.config.BookingConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Availability reads the registry through a cache that refreshes ahead: a read in the last third of an entry's
 * lifetime is answered from the cache and has the entry read again behind it, so no request waits for the
 * registry while the resource is in use. The lifetime stays the staleness bound, also while the registry is down:
 * a failed refresh leaves the entry to expire. The cache's time is moved forward rather than waited out.
 */
@QuarkusTest
class RegistryCacheRefreshTest extends WithClosedBreaker {

    @Inject
    MovableTicker ticker;

    @Inject
    BookingConfig config;

    Duration lifetime;
    Duration pastTheRefreshPoint;

    @BeforeEach
    void lifetimes() {
        lifetime = config.registry().cacheTtl();
        pastTheRefreshPoint = RegistryClient.refreshPoint(lifetime).plusMillis(100);
    }

    @Test
    void aReadLateInTheLifetimeIsAnsweredFromTheCacheAndRefreshedBehindIt() throws InterruptedException {
        UUID facility = RegistryStub.facility().register();
        String path = "/api/v1/facilities/" + facility;
        assertFalse(freeIntervals(facility).isEmpty());
        assertEquals(1, RegistryStub.requestsFor(path));

        RegistryStub.changeFacility(facility, f -> f.put("bookable", false));
        assertFalse(freeIntervals(facility).isEmpty(), "before the refresh point the cached entry answers");
        assertEquals(1, RegistryStub.requestsFor(path), "no refresh before the refresh point");

        ticker.advance(pastTheRefreshPoint);
        long advancedAt = System.nanoTime();
        assertFalse(freeIntervals(facility).isEmpty(), "past the refresh point the cached entry still answers");
        // A refresh takes milliseconds; the poll ends seconds before the entry's lifetime would.
        long pollUntil = advancedAt + lifetime.minus(pastTheRefreshPoint).dividedBy(4).toNanos();
        List<?> free = freeIntervals(facility);
        while (!free.isEmpty() && System.nanoTime() < pollUntil) {
            Thread.sleep(20);
            free = freeIntervals(facility);
        }
        assertTrue(System.nanoTime() - advancedAt < lifetime.minus(pastTheRefreshPoint).toNanos(),
                "the check ran before the entry's lifetime ended, so its answer came from a refresh, not a reload");
        assertTrue(free.isEmpty(), "the refreshed entry says the facility is no longer bookable");
        assertEquals(2, RegistryStub.requestsFor(path), "one refresh, and no call on a read's path");
    }

    @Test
    void whileTheRegistryIsDownAnEntryAnswersUntilItsLifetimeEndsAndNoLonger() throws InterruptedException {
        UUID facility = RegistryStub.facility().register();
        assertFalse(freeIntervals(facility).isEmpty());

        RegistryStub.shutDown();
        try {
            ticker.advance(pastTheRefreshPoint);
            assertFalse(freeIntervals(facility).isEmpty(), "a refresh that fails behind the read does not fail it");
            Thread.sleep(300); // the failed refresh has finished
            assertFalse(freeIntervals(facility).isEmpty(), "nor does it remove the entry before its lifetime ends");
            ticker.advance(lifetime.minus(pastTheRefreshPoint));
            assertProblem(availability(facility), 503, "registry-unavailable");
        } finally {
            RegistryStub.restart();
        }
    }

    private static List<?> freeIntervals(UUID facility) {
        return availability(facility).then().statusCode(200).extract().jsonPath().getList("intervals");
    }

    private static Response availability(UUID facility) {
        return Api.availability("FACILITY", facility, "2027-01-11T00:00:00+01:00", "2027-01-12T00:00:00+01:00");
    }
}
