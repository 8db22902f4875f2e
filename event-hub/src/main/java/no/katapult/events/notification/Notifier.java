package no.katapult.events.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.events.EventEnvelope;
import no.katapult.events.Audience;
import no.katapult.events.EventLog;
import no.katapult.events.config.EventHubConfig;
import no.katapult.events.ingest.Unavailable;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Turns the log into notifications: for each event after its cursor, takes what it says about contacts
 * ({@link ContactBook}), works out who is told ({@link Recipients}) and inserts one notification per
 * (event, recipient). One replica at a time (row lock with SKIP LOCKED on notification_cursor); the
 * notifications, the contacts and the advanced cursor commit together, so no event is notified twice or missed.
 * Events come from the log, which holds only committed changes: a change that rolled back is never mailed.
 */
@ApplicationScoped
public class Notifier {

    /** Events per round: one round is one transaction. */
    static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    EventLog log;

    @Inject
    ContactBook contacts;

    @Inject
    OperatorDirectory directory;

    @Inject
    EventHubConfig config;

    @Inject
    Clock clock;

    /** Reads the log until it has caught up or has to wait for the directory (a job of {@code Jobs}). */
    public void readLog() {
        while (readBatch() == BATCH) {
            // a backlog: keep going
        }
    }

    /**
     * Notifies one batch of events; returns how many it covered (0 when there is none, or another replica runs).
     * When the directory cannot be asked the batch ends before that event, which is read again next round.
     */
    @Transactional
    public int readBatch() {
        List<?> cursor = em.createNativeQuery("SELECT last_position FROM notification_cursor WHERE id = 1 "
                + "FOR UPDATE SKIP LOCKED").getResultList();
        if (cursor.isEmpty()) {
            return 0;
        }
        long from = ((Number) cursor.get(0)).longValue();
        EventLog.Page page = log.read(from, Audience.ADMIN, null, null, BATCH);
        long reached = from;
        int covered = 0;
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        for (EventEnvelope event : page.items()) {
            contacts.record(event);
            List<Recipients.Recipient> recipients;
            try {
                recipients = Recipients.of(event, contacts, directory);
            } catch (Unavailable e) {
                advance(reached);
                return 0;
            }
            for (Recipients.Recipient r : recipients) {
                insert(event, r, now);
            }
            reached = event.position();
            covered++;
        }
        advance(page.items().size() < BATCH ? Math.max(reached, page.next()) : reached);
        return covered;
    }

    private void insert(EventEnvelope event, Recipients.Recipient r, OffsetDateTime now) {
        em.createNativeQuery("INSERT INTO notification (event_id, event_position, event_type, recipient, kind, language, "
                        + "message_id, status, next_attempt_at, created_at) VALUES (:event, :position, :type, :recipient, "
                        + ":kind, :language, :messageId, 'PENDING', :now, :now) ON CONFLICT (event_id, recipient) DO NOTHING")
                .setParameter("event", event.id()).setParameter("position", event.position())
                .setParameter("type", event.type()).setParameter("recipient", r.email())
                .setParameter("kind", r.kind().template()).setParameter("language", r.language().tag())
                .setParameter("messageId", MessageIds.of(event.id(), r.email(), config.notifications().smtp().from()))
                .setParameter("now", now)
                .executeUpdate();
    }

    private void advance(long to) {
        em.createNativeQuery("UPDATE notification_cursor SET last_position = :to WHERE id = 1 AND last_position < :to")
                .setParameter("to", to).executeUpdate();
    }
}
