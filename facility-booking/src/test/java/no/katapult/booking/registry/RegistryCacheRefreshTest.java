package no.katapult.booking.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import no.katapult.booking.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Availability reads the registry through a cache that refreshes ahead: a read in the last third of an entry's
 * lifetime is answered from the cache and has the entry read again behind it, so no request waits for the
 * registry while the resource is in use. With a 9 s lifetime here, the refresh point is at 6 s. The lifetime
 * stays the staleness bound, also while the registry is down: a failed refresh leaves the entry to expire.
 */
@QuarkusTest
@TestProfile(RegistryCacheRefreshTest.NineSecondLifetime.class)
class RegistryCacheRefreshTest extends WithClosedBreaker {

    public static class NineSecondLifetime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catapult.registry.cache-ttl", "9S");
        }
    }

    @Test
    void aReadLateInTheLifetimeIsAnsweredFromTheCacheAndRefreshedBehindIt() throws InterruptedException {
        freeIntervals(RegistryStub.facility().register()); // the first request of a fresh start is slow
        UUID facility = RegistryStub.facility().register();
        String path = "/api/v1/facilities/" + facility;
        long cachedAt = System.nanoTime(); // no later than the entry's write
        assertFalse(freeIntervals(facility).isEmpty());
        assertEquals(1, RegistryStub.requestsFor(path));

        RegistryStub.changeFacility(facility, f -> f.put("bookable", false));
        Thread.sleep(6_500);
        assertFalse(freeIntervals(facility).isEmpty(), "past the refresh point the cached entry still answers");

        List<?> free = freeIntervals(facility);
        for (int poll = 0; poll < 100 && !free.isEmpty(); poll++) {
            Thread.sleep(20);
            free = freeIntervals(facility);
        }
        long seenAfterMillis = (System.nanoTime() - cachedAt) / 1_000_000;
        assertTrue(free.isEmpty(), "the refreshed entry says the facility is no longer bookable");
        // Without the refresh the new answer would come only once the entry expires, 9 s after it was cached.
        assertTrue(seenAfterMillis < 8_000, "refreshed before the lifetime ended, not reloaded after it: " + seenAfterMillis + " ms");
        assertEquals(2, RegistryStub.requestsFor(path), "one refresh, and no call on a read's path");
    }

    @Test
    void whileTheRegistryIsDownAnEntryAnswersUntilItsLifetimeEndsAndNoLonger() throws InterruptedException {
        freeIntervals(RegistryStub.facility().register());
        UUID facility = RegistryStub.facility().register();
        long cachedAt = System.nanoTime();
        assertFalse(freeIntervals(facility).isEmpty());

        RegistryStub.shutDown();
        try {
            Thread.sleep(6_500);
            assertFalse(freeIntervals(facility).isEmpty(), "a refresh that fails behind the read does not fail it");
            Thread.sleep(Math.max(0, 9_200 - (System.nanoTime() - cachedAt) / 1_000_000));
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
