package no.katapult.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The settings shared by every service (prefix {@code catapult}); each has a default in common's
 * META-INF/microprofile-config.properties, overridable by environment variable as the README lists.
 * A service's own settings live in its own mapping; this one maps every {@code catapult.*} key that
 * common reads, so that SmallRye's check for unknown keys holds in every service.
 */
@ConfigMapping(prefix = "catapult")
public interface CatapultConfig {

    /** NOK per EUR, for the SME thresholds and the de minimis ceiling (CATAPULT_EUR_NOK_RATE). */
    @WithDefault("11.50")
    BigDecimal eurNokRate();

    Http http();

    Events events();

    Outbox outbox();

    Idempotency idempotency();

    interface Http {
        /** Longer request URIs are answered 414 (CATAPULT_HTTP_MAX_URI_LENGTH). */
        @WithDefault("8192")
        int maxUriLength();

        /** Larger request headers, in total, are answered 431 (CATAPULT_HTTP_MAX_HEADER_BYTES). */
        @WithDefault("16384")
        int maxHeaderBytes();

        /**
         * Whether RequestLimits answers a body over quarkus.http.limits.max-body-size with a 413 problem, chunked
         * ones included; off in the gateway, which streams bodies and limits them itself.
         */
        @WithDefault("true")
        boolean enforceBodyLimit();
    }

    interface Events {
        /** The CloudEvents source of this service's events, e.g. /katapult/facility-booking. */
        String source();
    }

    interface Outbox {
        /** How often committed events get their feed positions. */
        @WithDefault("0.2s")
        String sequenceInterval();

        /** Most events positioned in one round. */
        @WithDefault("1000")
        int batchSize();

        /** How long events stay in the feed (at least 90 days for the event hub). */
        @WithDefault("P90D")
        Duration retention();

        @WithDefault("1h")
        String purgeInterval();
    }

    interface Idempotency {
        @WithDefault("1h")
        String purgeInterval();

        @WithDefault("5m")
        String purgeDelay();
    }
}
