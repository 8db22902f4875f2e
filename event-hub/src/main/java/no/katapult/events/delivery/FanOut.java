package no.katapult.events.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Turns the log into deliveries: one per event and ACTIVE subscription whose types match and whose owner may
 * see the event. One replica at a time (row lock with SKIP LOCKED on fanout_cursor); the deliveries and the
 * advanced cursor commit together, so no event is fanned out twice or missed. Deliveries are inserted in log
 * order, which is the order their ids, and so their sends, follow.
 */
@ApplicationScoped
public class FanOut {

    /** Events per round: one round is one transaction. */
    static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Fans out every event fan-out has not reached yet, batch after batch (a job of {@code Jobs}). */
    public void fanOutAll() {
        while (fanOut() > 0) {
            // a backlog: keep going
        }
    }

    /** Fans out one batch of events; returns how many events it covered (0 when there is none, or another replica runs). */
    @Transactional
    public int fanOut() {
        List<?> cursor = em.createNativeQuery("SELECT last_position FROM fanout_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .getResultList();
        if (cursor.isEmpty()) {
            return 0;
        }
        long from = ((Number) cursor.get(0)).longValue();
        Object[] range = (Object[]) em.createNativeQuery("SELECT count(*), max(position) FROM (SELECT position FROM "
                        + "outbox_event WHERE position > :from ORDER BY position LIMIT :batch) batch")
                .setParameter("from", from).setParameter("batch", BATCH).getSingleResult();
        int events = ((Number) range[0]).intValue();
        if (events == 0) {
            return 0;
        }
        long to = ((Number) range[1]).longValue();
        Deliveries.enqueue(em, "s.status = 'ACTIVE' AND e.position > s.start_position", null, from, to, now(clock));
        em.createNativeQuery("UPDATE fanout_cursor SET last_position = :to WHERE id = 1").setParameter("to", to)
                .executeUpdate();
        return events;
    }

    static OffsetDateTime now(Clock clock) {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
