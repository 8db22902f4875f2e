package no.katapult.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway reads from configuration; application.properties maps each setting to an env var. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The address clients use to reach the gateway; the merged contract lists it as its only server. */
    URI publicUrl();

    /** Requests with a larger body get 413, unless one of {@link #bodyLimits()} matches them. */
    MemorySize maxBodySize();

    /**
     * Operations that may send a larger body than {@link #maxBodySize()}, by name (the attachment upload). A request
     * matching none keeps the default limit.
     */
    Map<String, BodyLimit> bodyLimits();

    interface BodyLimit {
        /** The HTTP method, e.g. POST. */
        String method();

        /** The path, where {@code *} stands for exactly one path segment: /api/v1/applications/{@literal *}/attachments. */
        String path();

        /** The largest body of a matching request. */
        MemorySize maxSize();
    }

    /** Upper bound on connections per service and event loop (Vert.x's default of 5 is too few under load). */
    @WithDefault("32")
    int poolSize();

    /** Time allowed to obtain a connection to a service; past it the service counts as unreachable (503). */
    Duration connectTimeout();

    /**
     * How long an idle pooled connection to a service is kept for reuse. It must stay below the services'
     * idle timeout (quarkus.http.idle-timeout, 30 s): otherwise a request can be written to a connection that
     * the service is closing just then, and the client gets 502 bad-gateway (found by the hostile-input sweep).
     */
    @WithDefault("20S")
    Duration upstreamKeepAlive();

    /** Time a service may stay silent before the gateway answers 504, unless the route sets its own. */
    Duration timeout();

    /** Services by name (the name appears in problems, health checks and the contract's tag groups). */
    Map<String, Service> services();

    /** Routes by name: a path prefix owned by one service. */
    Map<String, Route> routes();

    RateLimit rateLimit();

    /**
     * The limit per client IP address, applied before any token is checked: a flood of forged or expired
     * tokens from one address is answered 429 once it is spent, and only requests within it cost a
     * signature check. Generous, since many people may share one address.
     */
    IpRateLimit ipRateLimit();

    CircuitBreaker circuitBreaker();

    OpenApi openapi();

    /** Active health checks of every instance, which decide where requests go. */
    HealthCheck healthCheck();

    interface Service {
        /**
         * Base URLs (scheme, host, port) of the service's instances, comma-separated in one setting. Paths are
         * forwarded unchanged, so they carry no path.
         */
        List<String> url();

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

        /** Where the buckets live: this gateway's memory, or Redis shared by every gateway. */
        Redis redis();
    }

    interface Redis {
        /** redis://[user:password@]host:port[/db]; unset keeps the buckets in memory. */
        Optional<String> url();

        /** Prefix of every bucket key, so that several suites (or test runs) can share one Redis. */
        @WithDefault("katapult:gateway:rate-limit:")
        String keyPrefix();

        /** How long a request waits for Redis before this gateway's own buckets decide it. */
        @WithDefault("500ms")
        Duration timeout();

        /** While Redis is unreachable, how often the gateway tries to reconnect. */
        @WithDefault("2S")
        Duration retryInterval();
    }

    interface HealthCheck {
        /** How often each instance's health path is asked. */
        @WithDefault("2S")
        Duration interval();

        /** How long one check may take. */
        @WithDefault("1S")
        Duration timeout();

        /** Failed checks in a row before an instance is marked down. */
        @WithDefault("2")
        int unhealthyThreshold();

        /** Passed checks in a row before an instance marked down is marked up again. */
        @WithDefault("2")
        int healthyThreshold();
    }

    interface IpRateLimit {
        @WithDefault("true")
        boolean enabled();

        @io.smallrye.config.WithParentName
        Limit limit();
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
