package no.katapult.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event as the suite's components hand it to each other: what happened ({@code type}) to what
 * ({@code subject}), in which order for that subject ({@code sequence}), and the resource as each kind of
 * reader may see it. {@code data} is the full view (siva-admin, and the organisation it concerns);
 * {@code partnerData} what a partner may see, or null when partners may not see the event; {@code orgNo}
 * the organisation the event concerns, for its own users. {@code position} is the place in the
 * producer's feed, set once the outbox has ordered it. Partners receive it as a CloudEvent, built by the
 * event hub from these fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        UUID id,
        String source,
        String type,
        String subject,
        long sequence,
        OffsetDateTime time,
        String orgNo,
        JsonNode data,
        JsonNode partnerData,
        Long position) {
}
