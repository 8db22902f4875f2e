package no.katapult.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.OutboxFeed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The hub's log: common's outbox table, filled by ingestion and positioned by common's OutboxSequencer.
 * Positions become visible in order (one sequencer run at a time, each committing its run and the head
 * together), so a reader that follows positions never skips an event, whatever order producers committed in.
 */
@ApplicationScoped
public class EventLog {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /**
     * The events an audience sees after a position, in order. {@code next} is the last position returned;
     * when fewer than {@code size} matched it is the head seen in the same snapshot (one statement), so a
     * reader whose filter matches nothing moves on instead of rescanning, and skips nothing: no event at or
     * below that head can become visible later.
     */
    public Page read(long after, Audience audience, String orgNo, String typePrefix, int size) {
        StringBuilder where = new StringBuilder("e.position > :after AND ").append(audience.condition("e", ":org"));
        if (typePrefix != null) {
            where.append(" AND starts_with(e.type, :type)");
        }
        Query query = em.createNativeQuery("WITH head AS (SELECT last_position FROM outbox_state WHERE id = 1), "
                        + "page AS (SELECT " + OutboxFeed.COLUMNS + " FROM outbox_event e WHERE " + where
                        + " ORDER BY e.position LIMIT :size) "
                        + "SELECT page.*, head.last_position FROM head LEFT JOIN page ON TRUE ORDER BY page.position")
                .setParameter("after", after).setParameter("size", size);
        if (audience == Audience.SME) {
            query.setParameter("org", orgNo);
        }
        if (typePrefix != null) {
            query.setParameter("type", typePrefix);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<EventEnvelope> items = new ArrayList<>(rows.size());
        long head = after;
        for (Object[] row : rows) {
            head = Math.max(head, row[10] == null ? 0 : ((Number) row[10]).longValue());
            if (row[0] != null) {
                items.add(OutboxFeed.envelope(row, mapper));
            }
        }
        long next = items.size() == size ? items.get(items.size() - 1).position() : head;
        return new Page(items, next);
    }

    /** The events with these ids that are still retained. */
    public List<EventEnvelope> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + OutboxFeed.COLUMNS + " FROM outbox_event WHERE id IN (:ids)")
                .setParameter("ids", ids).getResultList();
        return rows.stream().map(row -> OutboxFeed.envelope(row, mapper)).toList();
    }

    /** The last position handed out. */
    public long head() {
        return ((Number) em.createNativeQuery("SELECT last_position FROM outbox_state WHERE id = 1").getSingleResult())
                .longValue();
    }

    /** A page of the log and the position to read on from. */
    public record Page(List<EventEnvelope> items, long next) {
    }
}
