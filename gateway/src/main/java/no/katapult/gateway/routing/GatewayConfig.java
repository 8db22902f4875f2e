package no.katapult.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway reads from configuration; application.properties maps each setting to an env var. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The address clients use to reach the gateway; the merged contract lists it as its only server. */
    URI publicUrl();

    /** Requests with a larger body get 413. */
    MemorySize maxBodySize();

    /** Upper bound on connections per service and event loop (Vert.x's default of 5 is too few under load). */
    @WithDefault("32")
    int poolSize();

    /** Time allowed to obtain a connection to a service; past it the service counts as unreachable (503). */
    Duration connectTimeout();

    /** Time a service may stay silent before the gateway answers 504, unless the route sets its own. */
    Duration timeout();

    /** Services by name (the name appears in problems, health checks and the contract's tag groups). */
    Map<String, Service> services();

    /** Routes by name: a path prefix owned by one service. */
    Map<String, Route> routes();

    RateLimit rateLimit();

    CircuitBreaker circuitBreaker();

    OpenApi openapi();

    interface Service {
        /** Base URL (scheme, host, port). Paths are forwarded unchanged, so it carries no path. */
        URI url();

        /** Prefix for this service's schemas whose names collide with another service's. */
        Optional<String> schemaPrefix();

        /** Whether this service's contract is part of the merged document. */
        @WithDefault("true")
        boolean mergeOpenapi();

        @WithDefault("/q/openapi?format=json")
        String openapiPath();

        @WithDefault("/q/health/ready")
        String healthPath();
    }

    interface Route {
        /** Path prefix, matched on whole segments: /api/v1/centres matches /api/v1/centres/x, not /api/v1/centresx. */
        String prefix();

        /** Name of the service in {@link GatewayConfig#services()}. */
        String service();

        Optional<Duration> timeout();

        /** A stricter limit for this route, applied on top of the default one. */
        Optional<Limit> rateLimit();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** At most this many clients keep a bucket in memory; the least recently seen are dropped first. */
        @WithDefault("100000")
        long maxClients();

        @io.smallrye.config.WithParentName
        Limit defaults();
    }

    interface Limit {
        /** Burst: requests a client may make at once. */
        long capacity();

        /** Tokens added back every refill period. */
        long refillTokens();

        Duration refillPeriod();
    }

    interface CircuitBreaker {
        /** Number of recent requests the failure ratio is computed over. */
        int requestVolumeThreshold();

        double failureRatio();

        /** How long the breaker stays open before it lets a trial request through. */
        Duration delay();

        int successThreshold();
    }

    interface OpenApi {
        Duration refreshInterval();

        /** Timeout for fetching one service's contract. */
        Duration fetchTimeout();

        String title();

        String description();

        String version();

        /** The realm URL; the merged contract's one OpenID Connect scheme points at its discovery document. */
        String oidcUrl();

        String contactName();

        Optional<String> contactEmail();
    }
}
