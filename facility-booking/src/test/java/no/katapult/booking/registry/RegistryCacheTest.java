package no.katapult.booking.registry;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.katapult.booking.rules.BookableResource;
import no.katapult.booking.rules.ResourceType;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry client's cache: a fresh read replaces the cached answer without costing a thread. */
@QuarkusTest
class RegistryCacheTest {

    static final int READS = 50;

    @Inject
    RegistryClient registry;

    @Test
    void readingPastTheCacheStartsNoThreadPerRead() {
        UUID facility = RegistryStub.facility().centre("digicat").prices("1000.00", "400.00").register();
        registry.currentResource(ResourceType.FACILITY, facility).orElseThrow();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < READS; i++) {
            BookableResource read = registry.currentResource(ResourceType.FACILITY, facility).orElseThrow();
            assertEquals(facility, read.resourceId());
        }
        long started = threads.getTotalStartedThreadCount() - before;

        // Each read replaces the cached facility. With Caffeine's default executor (the common ForkJoinPool,
        // parallelism 1 on 2 cores) every replacement started two threads.
        assertTrue(started < READS / 5, started + " threads started during " + READS + " reads");
    }

    @Test
    void aFreshReadIsWhatTheNextCachedReadSees() {
        UUID facility = RegistryStub.facility().centre("digicat").prices("1000.00", "400.00").register();
        assertEquals("digicat", registry.resource(ResourceType.FACILITY, facility).orElseThrow().centreCode());
        RegistryStub.moveFacility(facility, "ocean-innovation");

        assertEquals("digicat", registry.resource(ResourceType.FACILITY, facility).orElseThrow().centreCode(),
                "cached: the registry's change is not seen yet");
        assertEquals("ocean-innovation", registry.currentResource(ResourceType.FACILITY, facility).orElseThrow().centreCode());
        assertEquals("ocean-innovation", registry.resource(ResourceType.FACILITY, facility).orElseThrow().centreCode(),
                "the fresh read replaced the cached one");
    }
}
