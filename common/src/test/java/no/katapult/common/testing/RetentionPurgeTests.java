package no.katapult.common.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.common.CatapultConfig;
import no.katapult.common.events.OutboxSequencer;
import no.katapult.common.idempotency.IdempotencyStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The retention of common's tables in a service's own database: Idempotency-Keys expire after 24 hours, and
 * outbox events after the outbox retention once they have a feed position, never before. Written once: a
 * service's {@code @QuarkusTest} extends this. Each case runs in one transaction that is rolled back, so the
 * sequencer never sees its rows and no other test does either.
 */
public abstract class RetentionPurgeTests {

    @Inject
    protected EntityManager em;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    OutboxSequencer sequencer;

    @Inject
    CatapultConfig config;

    @Test
    void idempotencyKeysOlderThan24HoursArePurgedAndYoungerOnesKept() {
        String scope = "retention-test " + UUID.randomUUID();
        inRolledBackTransaction(() -> {
            insertKey(scope, "expired", "24 hours 1 minute");
            insertKey(scope, "young", "23 hours 59 minutes");

            idempotency.purgeExpired();

            assertEquals(List.of("young"), em.createNativeQuery(
                    "SELECT key FROM idempotency_key WHERE scope = ?1 ORDER BY key", String.class)
                    .setParameter(1, scope).getResultList());
        });
    }

    @Test
    void outboxEventsArePurgedAfterTheRetentionOnlyOnceTheyAreInTheFeed() {
        String subject = "retention-test/" + UUID.randomUUID();
        long retention = config.outbox().retention().toSeconds();
        inRolledBackTransaction(() -> {
            // Negative positions: never within a feed read (cursors start at 0), so no reader could see them.
            insertEvent(subject, 1, -1L, retention + 60, "expired and in the feed");
            insertEvent(subject, 2, null, retention + 60, "expired, not in the feed yet");
            insertEvent(subject, 3, -2L, retention - 60, "in the feed, within the retention");

            sequencer.purge();

            assertEquals(List.of("expired, not in the feed yet", "in the feed, within the retention"),
                    em.createNativeQuery("SELECT data->>'what' FROM outbox_event WHERE subject = ?1 ORDER BY sequence",
                            String.class).setParameter(1, subject).getResultList());
        });
    }

    private void insertKey(String scope, String key, String age) {
        em.createNativeQuery("INSERT INTO idempotency_key (scope, key, request_hash, status, created_at) "
                        + "VALUES (?1, ?2, 'hash', 201, now() - CAST(?3 AS interval))")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, age).executeUpdate();
    }

    private void insertEvent(String subject, long sequence, Long position, long ageSeconds, String what) {
        em.createNativeQuery("INSERT INTO outbox_event (id, position, source, type, subject, sequence, occurred_at, data) "
                        + "VALUES (?1, CAST(?2 AS bigint), 'retention-test', 'no.katapult.test.retention', ?3, ?4, "
                        + "now() - make_interval(secs => ?5), jsonb_build_object('what', CAST(?6 AS text)))")
                .setParameter(1, UUID.randomUUID()).setParameter(2, position).setParameter(3, subject)
                .setParameter(4, sequence).setParameter(5, (double) ageSeconds).setParameter(6, what).executeUpdate();
    }

    /** Runs {@code work} in a transaction that is rolled back afterwards, whatever it did. */
    protected static void inRolledBackTransaction(Runnable work) {
        QuarkusTransaction.begin();
        try {
            work.run();
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}
