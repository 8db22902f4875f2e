package no.katapult.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads positioned events in feed order, after a position. */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxFeed {

    /** The columns {@link #envelope} reads, unqualified, in its order: for other queries of the outbox (the event hub). */
    public static final String COLUMNS = "id, source, type, subject, sequence, occurred_at, org_no, CAST(data AS text), "
            + "CAST(partner_data AS text), position";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** A page of the feed, and the position it reached. */
    public record Page(List<EventEnvelope> items, long next) {
    }

    /** Up to {@code limit} events with positions after {@code after}, in order. */
    public Page after(long after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM outbox_event WHERE position > ?1 "
                        + "ORDER BY position LIMIT ?2")
                .setParameter(1, after).setParameter(2, limit).getResultList();
        List<EventEnvelope> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            items.add(envelope(row, mapper));
        }
        return new Page(items, items.isEmpty() ? after : items.get(items.size() - 1).position());
    }

    /** An envelope from a row selected with {@link #COLUMNS}. */
    public static EventEnvelope envelope(Object[] row, ObjectMapper mapper) {
        return new EventEnvelope((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                ((Number) row[4]).longValue(), timestamp(row[5]), (String) row[6], parse(mapper, (String) row[7]),
                parse(mapper, (String) row[8]), row[9] == null ? null : ((Number) row[9]).longValue());
    }

    private static JsonNode parse(ObjectMapper mapper, String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's stored JSON is unreadable", e);
        }
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value);
    }
}
