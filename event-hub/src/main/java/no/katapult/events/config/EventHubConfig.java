package no.katapult.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of event-hub, one key each; application.properties maps each key to its environment variable.
 * {@link ConfigChecks} refuses to start with settings that would break a promise (retention, leases).
 */
@ConfigMapping(prefix = "events")
public interface EventHubConfig {

    /** The producers whose feeds the hub reads, by name (registry, application, booking). */
    Map<String, Source> sources();

    Ingest ingest();

    /** How long the log keeps events, at least 90 days (env EVENTS_RETENTION). */
    Duration retention();

    Webhook webhook();

    Delivery delivery();

    /** E-mail notifications about the log's events (issue 14). */
    Notifications notifications();

    /** A producer of events. */
    interface Source {
        /** Its base URL; the hub reads {@code <url>/internal/v1/outbox} (env REGISTRY_URL, APPLICATION_URL, BOOKING_URL). */
        URI url();

        /** Set false to stop reading it without losing its cursor. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Reading the producers' feeds. */
    interface Ingest {
        /** How often each source is polled (env EVENTS_POLL_INTERVAL). */
        Duration pollInterval();

        /** Events asked for per request (env EVENTS_PAGE_SIZE). */
        @Min(1)
        @Max(1000)
        int pageSize();

        /** Time allowed to connect to a source (env EVENTS_SOURCE_CONNECT_TIMEOUT). */
        Duration connectTimeout();

        /** Time allowed for a source's answer (env EVENTS_SOURCE_READ_TIMEOUT). */
        Duration readTimeout();
    }

    /** Rules for webhook URLs and subscriptions. */
    interface Webhook {
        /** Also allow http://127.0.0.1:* and http://localhost:* (env CATAPULT_WEBHOOK_ALLOW_LOOPBACK; the demo only). */
        boolean allowLoopback();

        /** Subscriptions one caller may have (env EVENTS_MAX_SUBSCRIPTIONS_PER_OWNER). */
        @Positive
        int maxPerOwner();
    }

    /** Fan-out and dispatch of webhooks. */
    interface Delivery {
        /** How often fan-out and the dispatcher run (env EVENTS_DELIVERY_INTERVAL). */
        Duration pollInterval();

        /** Deliveries one dispatcher leases per round (env EVENTS_DELIVERY_BATCH). */
        @Min(1)
        @Max(10_000)
        int batchSize();

        /** Deliveries one dispatcher sends at the same time (env EVENTS_DELIVERY_CONCURRENCY). */
        @Min(1)
        @Max(256)
        int concurrency();

        /** Time allowed to connect to a receiver (env EVENTS_DELIVERY_CONNECT_TIMEOUT). */
        Duration connectTimeout();

        /** Time allowed for a receiver's answer (env EVENTS_DELIVERY_TIMEOUT). */
        Duration timeout();

        /**
         * How long a leased delivery belongs to its dispatcher; after that another dispatcher may send it
         * (a dispatcher that died loses nothing). Longer than connect-timeout + timeout (env EVENTS_DELIVERY_LEASE).
         */
        Duration lease();

        /** Waits before each retry; attempts = 1 + its length (env EVENTS_RETRY_SCHEDULE). */
        @NotEmpty
        List<Duration> retrySchedule();

        /** The longest Retry-After honoured (env EVENTS_RETRY_AFTER_MAX). */
        Duration retryAfterMax();

        /** Consecutive dead letters that disable a subscription (env EVENTS_DISABLE_AFTER_DEAD_LETTERS). */
        @Positive
        int disableAfterDeadLetters();

        /** Failing without a single success for this long disables a subscription (env EVENTS_DISABLE_AFTER_FAILING_FOR). */
        Duration disableAfterFailingFor();

        /** The most events one replay may queue (env EVENTS_REPLAY_LIMIT). */
        @Positive
        int replayLimit();
    }

    /** Who is told what by e-mail, and how the mails are sent. */
    interface Notifications {
        /** Set false to stop reading the log for mails and sending them, keeping the cursor (env EVENTS_NOTIFY_ENABLED). */
        @WithDefault("true")
        boolean enabled();

        /** How often the notifier reads the log and the sender looks for due mails (env EVENTS_NOTIFY_INTERVAL). */
        Duration pollInterval();

        /** Mails one sender leases per round (env EVENTS_NOTIFY_BATCH). */
        @Min(1)
        @Max(1000)
        int batchSize();

        /** How long a leased mail belongs to its sender; longer than send-timeout (env EVENTS_NOTIFY_LEASE). */
        Duration lease();

        /** Time allowed for one SMTP conversation (env EVENTS_NOTIFY_SEND_TIMEOUT). */
        Duration sendTimeout();

        /** Waits before each retry of a mail the SMTP server did not take; attempts = 1 + its length (env EVENTS_NOTIFY_RETRY_SCHEDULE). */
        @NotEmpty
        List<Duration> retrySchedule();

        /** Base of the links in the mails: the gateway as people reach it (env GATEWAY_PUBLIC_URL). */
        URI publicUrl();

        Smtp smtp();

        Directory directory();
    }

    /**
     * The SMTP server; application.properties hands these to Quarkus Mailer (quarkus.mailer.*). STARTTLS is
     * required unless start-tls says otherwise (the local GreenMail speaks plain SMTP).
     */
    interface Smtp {
        /** env CATAPULT_SMTP_HOST */
        String host();

        /** env CATAPULT_SMTP_PORT */
        @Min(1)
        @Max(65535)
        int port();

        /** Login, when the server wants one (env CATAPULT_SMTP_USER). */
        Optional<String> user();

        /** env CATAPULT_SMTP_PASSWORD */
        Optional<String> password();

        /** The sender, e.g. {@code Norsk katapult <varsel@katapult.no>} (env CATAPULT_SMTP_FROM). */
        String from();

        /** DISABLED, OPTIONAL or REQUIRED (env CATAPULT_SMTP_STARTTLS). */
        String startTls();

        /** How long an idle pooled SMTP connection is kept (env CATAPULT_SMTP_KEEP_ALIVE). */
        Duration keepAlive();
    }

    /** The identity provider's directory, where the operators of a centre are found. */
    interface Directory {
        /**
         * Keycloak's admin REST API of the realm, e.g. {@code http://localhost:8180/admin/realms/catapult}; empty:
         * no directory, mails for a centre go to its contact e-mail (env CATAPULT_DIRECTORY_URL).
         */
        Optional<URI> url();

        /** Time allowed for the directory's answer (env CATAPULT_DIRECTORY_TIMEOUT). */
        Duration timeout();

        /**
         * While the directory fails the notifier waits (mails stay in order); after this long it writes to the
         * centre's contact e-mail instead (env CATAPULT_DIRECTORY_GIVE_UP_AFTER).
         */
        Duration giveUpAfter();
    }
}
