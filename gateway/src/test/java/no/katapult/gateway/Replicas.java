package no.katapult.gateway;

import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.upstream.Upstreams;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers for services with several stub instances (UpstreamStubs: replicated, retrying, breaking, gone). */
public final class Replicas {

    private Replicas() {
    }

    public static Instance instance(RouteTable routes, String service, int number) {
        return routes.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow()
                .instances().get(number - 1);
    }

    /** Waits until every instance of the service gets requests again (health checks passed, breakers closed). */
    public static void awaitAvailable(Upstreams upstreams, RouteTable routes, String service) {
        awaitTrue("every instance of " + service + " available", Duration.ofSeconds(20), () ->
                routes.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow()
                        .instances().stream().allMatch(upstreams::available));
    }

    public static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
