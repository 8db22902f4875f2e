package no.katapult.events.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.Outbox;
import no.katapult.common.events.OutboxFeed;
import no.katapult.events.config.EventHubConfig;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Copies one page of a producer's feed into the hub's log. One transaction: lock the source's cursor (SKIP
 * LOCKED: one replica at a time per source, the others skip it), read the page after it, append its events
 * (keeping ids and sequences; an event already there is ignored) and advance the cursor. Events and cursor
 * commit together, so nothing is lost or appended twice; pages are read in the producer's position order,
 * so one subject's events enter the log in sequence order.
 */
@ApplicationScoped
public class Ingestion {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    SourceFeed feed;

    @Inject
    EventHubConfig config;

    @Inject
    Clock clock;

    /** What one poll did. {@code skipped}: another replica holds the source. */
    public record Poll(boolean skipped, int read, int appended) {
    }

    @Transactional
    public Poll poll(String source) {
        em.createNativeQuery("INSERT INTO source_cursor (source) VALUES (:source) ON CONFLICT DO NOTHING")
                .setParameter("source", source).executeUpdate();
        List<?> cursor = em.createNativeQuery("SELECT last_position FROM source_cursor WHERE source = :source "
                        + "FOR UPDATE SKIP LOCKED")
                .setParameter("source", source).getResultList();
        if (cursor.isEmpty()) {
            return new Poll(true, 0, 0);
        }
        long after = ((Number) cursor.get(0)).longValue();
        OutboxFeed.Page page = feed.read(source, after, config.ingest().pageSize());
        int appended = 0;
        for (EventEnvelope event : page.items()) {
            if (outbox.append(event)) {
                appended++;
            }
        }
        em.createNativeQuery("UPDATE source_cursor SET last_position = :next, last_success_at = :now, last_error = NULL "
                        + "WHERE source = :source")
                .setParameter("next", page.next()).setParameter("now", clock.instant().atOffset(ZoneOffset.UTC))
                .setParameter("source", source).executeUpdate();
        return new Poll(false, page.items().size(), appended);
    }

    /** Notes why a source could not be read, for operators (the cursor is unchanged). */
    @Transactional
    public void failed(String source, String error) {
        em.createNativeQuery("UPDATE source_cursor SET last_error = :error WHERE source = :source")
                .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
                .setParameter("source", source).executeUpdate();
    }
}
