package no.katapult.events;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.katapult.common.testing.RetentionPurgeTests;
import no.katapult.events.config.EventHubConfig;
import no.katapult.events.delivery.DeliveryPurge;
import no.katapult.events.notification.NotificationStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hub keeps its delivery and notification tables as long as its log keeps events (EVENTS_RETENTION), besides
 * common's tables (the cases it inherits). The rows are written in a transaction that is rolled back afterwards,
 * so no dispatcher or mail sender ever sees them.
 */
@QuarkusTest
class RetentionPurgeTest extends RetentionPurgeTests {

    @Inject
    DeliveryPurge deliveries;

    @Inject
    NotificationStore notifications;

    @Inject
    EventHubConfig hub;

    @Inject
    Clock clock;

    private OffsetDateTime retentionLimit() {
        return clock.instant().atOffset(ZoneOffset.UTC).minus(hub.retention());
    }

    @Test
    void finishedDeliveriesGoAfterTheRetentionAndPendingOnesOnlyOnceTheLogHasLostTheirEvent() {
        OffsetDateTime limit = retentionLimit();
        OffsetDateTime expired = limit.minusMinutes(1);
        OffsetDateTime young = limit.plusMinutes(1);
        inRolledBackTransaction(() -> {
            UUID subscription = insertSubscription(expired);
            UUID eventInTheLog = insertLogEvent(expired);
            insertDelivery(subscription, UUID.randomUUID(), "DELIVERED", expired);
            insertDelivery(subscription, UUID.randomUUID(), "DEAD", expired);
            insertDelivery(subscription, UUID.randomUUID(), "PENDING", expired);
            long pendingWithItsEvent = insertDelivery(subscription, eventInTheLog, "PENDING", expired);
            long youngDelivered = insertDelivery(subscription, UUID.randomUUID(), "DELIVERED", young);
            insertAttempt(youngDelivered, subscription, expired);
            insertAttempt(youngDelivered, subscription, young);

            deliveries.purge();

            assertEquals(List.of(pendingWithItsEvent, youngDelivered), em.createNativeQuery(
                    "SELECT id FROM delivery WHERE subscription_id = ?1 ORDER BY id", Long.class)
                    .setParameter(1, subscription).getResultList());
            assertEquals(List.of(young.toInstant()), em.createNativeQuery(
                    "SELECT attempted_at FROM delivery_attempt WHERE subscription_id = ?1", OffsetDateTime.class)
                    .setParameter(1, subscription).getResultStream()
                    .map(t -> ((OffsetDateTime) t).toInstant()).toList(), "only the attempt within the retention is kept");
        });
    }

    private UUID insertSubscription(OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO subscription (id, owner_subject, audience, url, types, secret, status, "
                        + "start_position, created_at) VALUES (?1, 'retention-test', 'ADMIN', 'https://hooks.example.org/r', "
                        + "ARRAY[]::text[], 'whsec_cmV0ZW50aW9u', 'DISABLED', 0, ?2)")
                .setParameter(1, id).setParameter(2, createdAt).executeUpdate();
        return id;
    }

    /** An event the hub's log still has; without a position, so no fan-out would read it. */
    private UUID insertLogEvent(OffsetDateTime occurredAt) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO outbox_event (id, source, type, subject, sequence, occurred_at, data) "
                        + "VALUES (?1, 'retention-test', 'no.katapult.test.retention', ?2, 1, ?3, '{}'::jsonb)")
                .setParameter(1, id).setParameter(2, "retention-test/" + id).setParameter(3, occurredAt).executeUpdate();
        return id;
    }

    private long insertDelivery(UUID subscription, UUID event, String status, OffsetDateTime createdAt) {
        return ((Number) em.createNativeQuery("INSERT INTO delivery (subscription_id, event_id, event_position, event_type, "
                        + "subject, status, next_attempt_at, created_at, completed_at) VALUES (?1, ?2, 1, "
                        + "'no.katapult.test.retention', 'retention-test', ?3, ?4, ?4, CAST(?5 AS timestamptz)) RETURNING id")
                .setParameter(1, subscription).setParameter(2, event).setParameter(3, status).setParameter(4, createdAt)
                .setParameter(5, status.equals("PENDING") ? null : createdAt).getSingleResult()).longValue();
    }

    private void insertAttempt(long delivery, UUID subscription, OffsetDateTime attemptedAt) {
        em.createNativeQuery("INSERT INTO delivery_attempt (delivery_id, subscription_id, event_id, event_type, attempt, "
                        + "attempted_at, status_code, latency_ms, outcome) VALUES (?1, ?2, ?3, 'no.katapult.test.retention', "
                        + "1, ?4, 200, 12, 'DELIVERED')")
                .setParameter(1, delivery).setParameter(2, subscription).setParameter(3, UUID.randomUUID())
                .setParameter(4, attemptedAt).executeUpdate();
    }

    @Test
    void finishedNotificationsGoWithTheirAttemptsAfterTheRetentionAndPendingOnesStay() {
        OffsetDateTime limit = retentionLimit();
        OffsetDateTime expired = limit.minusMinutes(1);
        OffsetDateTime young = limit.plusMinutes(1);
        UUID event = UUID.randomUUID();
        inRolledBackTransaction(() -> {
            long sentLongAgo = insertNotification(event, "sent-long-ago@example.org", "SENT", expired);
            insertNotification(event, "dead-long-ago@example.org", "DEAD", expired);
            insertNotification(event, "sent-lately@example.org", "SENT", young);
            insertNotification(event, "still-pending@example.org", "PENDING", expired);

            notifications.purge();

            assertEquals(List.of("sent-lately@example.org", "still-pending@example.org"), em.createNativeQuery(
                    "SELECT recipient FROM notification WHERE event_id = ?1 ORDER BY recipient", String.class)
                    .setParameter(1, event).getResultList());
            assertEquals(0L, ((Number) em.createNativeQuery("SELECT count(*) FROM notification_attempt WHERE notification_id = ?1")
                    .setParameter(1, sentLongAgo).getSingleResult()).longValue(), "its attempts went with it");
        });
    }

    /** A notification with one attempt; a finished one completed at {@code at}. */
    private long insertNotification(UUID event, String recipient, String status, OffsetDateTime at) {
        long id = ((Number) em.createNativeQuery("INSERT INTO notification (event_id, event_position, event_type, recipient, "
                        + "kind, language, message_id, status, next_attempt_at, created_at, completed_at) VALUES (?1, 1, "
                        + "'no.katapult.booking.confirmed', ?2, 'booking-confirmed', 'nb', ?3, ?4, ?5, ?5, "
                        + "CAST(?6 AS timestamptz)) RETURNING id")
                .setParameter(1, event).setParameter(2, recipient).setParameter(3, "<" + UUID.randomUUID() + "@katapult>")
                .setParameter(4, status).setParameter(5, at).setParameter(6, status.equals("PENDING") ? null : at)
                .getSingleResult()).longValue();
        em.createNativeQuery("INSERT INTO notification_attempt (notification_id, attempt, attempted_at, outcome) "
                        + "VALUES (?1, 1, ?2, 'RETRYING')")
                .setParameter(1, id).setParameter(2, at).executeUpdate();
        return id;
    }
}
