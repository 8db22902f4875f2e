package no.katapult.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.CatapultConfig;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The transactional outbox: an event is written in the same transaction as the change it describes, so
 * there is never an event without its change, nor a change without its event. Each subject's events get
 * consecutive sequence numbers from a row lock on the subject that is held until commit, so one subject's
 * events commit in sequence order. {@link OutboxSequencer} then gives committed events their feed
 * positions. Tables: {@code db/common/V0_2__outbox.sql}.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    CatapultConfig config;

    /**
     * Records an event about {@code subject} in the current transaction.
     *
     * @param data        the resource as siva-admin and the organisation concerned may see it
     * @param partnerView what a partner may see, or null when partners may not see this event
     * @param orgNo       the organisation the event concerns (its users may see it), or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String type, String subject, Object data, Object partnerView, String orgNo) {
        long sequence = ((Number) em.createNativeQuery("INSERT INTO outbox_subject (subject, last_sequence) VALUES (?1, 1) "
                        + "ON CONFLICT (subject) DO UPDATE SET last_sequence = outbox_subject.last_sequence + 1 "
                        + "RETURNING last_sequence")
                .setParameter(1, subject).getSingleResult()).longValue();
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), config.events().source(), type, subject, sequence,
                clock.instant().atOffset(ZoneOffset.UTC), orgNo, tree(data), partnerView == null ? null : tree(partnerView),
                null);
        insert(event);
        return event;
    }

    /**
     * Appends an event produced elsewhere, keeping its id and sequence (the event hub's ingestion). An event
     * already present is ignored, so appending the same event twice is harmless.
     *
     * @return whether the event was new
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean append(EventEnvelope event) {
        return insert(event) == 1;
    }

    private int insert(EventEnvelope e) {
        return em.createNativeQuery("INSERT INTO outbox_event (id, source, type, subject, sequence, occurred_at, org_no, "
                        + "data, partner_data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb), CAST(?9 AS jsonb)) "
                        + "ON CONFLICT (id) DO NOTHING")
                .setParameter(1, e.id()).setParameter(2, e.source()).setParameter(3, e.type())
                .setParameter(4, e.subject()).setParameter(5, e.sequence()).setParameter(6, e.time())
                .setParameter(7, e.orgNo()).setParameter(8, json(e.data()))
                .setParameter(9, e.partnerData() == null ? null : json(e.partnerData()))
                .executeUpdate();
    }

    private JsonNode tree(Object value) {
        return value instanceof JsonNode node ? node : mapper.valueToTree(value);
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write an event as JSON", e);
        }
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
