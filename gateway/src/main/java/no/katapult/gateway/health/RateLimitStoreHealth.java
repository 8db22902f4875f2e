package no.katapult.gateway.health;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.registry.HealthRegistries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.ratelimit.BucketStoreState;
import no.katapult.gateway.ratelimit.RateLimiter;
import no.katapult.gateway.routing.GatewayConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Where the rate-limit buckets live. In readiness it is always UP, since a gateway limiting with its own buckets
 * still serves correctly; its data says {@code state: DEGRADED} while a configured Redis cannot be used. In the
 * "downstream" group, where the gateway's dependencies are, it is DOWN then.
 */
@ApplicationScoped
public class RateLimitStoreHealth {

    static final String NAME = "rate-limit-store";

    @Inject
    RateLimiter limiter;

    @Inject
    GatewayConfig config;

    @Readiness
    HealthCheck ready() {
        return () -> response(true);
    }

    void start(@Observes StartupEvent event) {
        if (config.rateLimit().redis().url().isPresent()) {
            HealthRegistries.getHealthGroupRegistry(DownstreamHealth.GROUP).register(NAME,
                    (HealthCheck) () -> response(false));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (config.rateLimit().redis().url().isPresent()) {
            HealthRegistries.getHealthGroupRegistry(DownstreamHealth.GROUP).remove(NAME);
        }
    }

    private HealthCheckResponse response(boolean alwaysUp) {
        BucketStoreState state = limiter.storeState();
        return HealthCheckResponse.named(NAME)
                .status(alwaysUp || !state.degraded())
                .withData("store", state.store())
                .withData("state", state.degraded() ? "DEGRADED" : "OK")
                .withData("shared", !state.degraded() && state.store().equals("redis"))
                .withData("detail", state.detail())
                .withData("since", state.since())
                .build();
    }
}
