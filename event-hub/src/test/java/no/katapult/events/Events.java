package no.katapult.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.Outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Events as the domain services publish them (issue 13's types), with the views the hub expects: {@code data}
 * for siva-admin and the organisation concerned, {@code partnerData} for partners (null when partners may not
 * see the event; booking and aid views without bookedBy and purpose), and {@code orgNo} for sme users.
 */
public final class Events {

    public static final List<String> TYPES = List.of(
            "no.katapult.centre.created", "no.katapult.centre.updated",
            "no.katapult.facility.created", "no.katapult.facility.updated",
            "no.katapult.equipment.created", "no.katapult.equipment.updated",
            "no.katapult.application.submitted", "no.katapult.application.decided", "no.katapult.application.withdrawn",
            "no.katapult.booking.requested", "no.katapult.booking.confirmed", "no.katapult.booking.rejected",
            "no.katapult.booking.cancelled",
            "no.katapult.aid.granted", "no.katapult.aid.released");

    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Events() {
    }

    /** An event of {@code type} about a new subject, sequence 1, with realistic data and views. */
    public static EventEnvelope sample(String type, String orgNo) {
        String kind = type.split("\\.")[2];
        UUID id = UUID.randomUUID();
        return switch (kind) {
            case "centre", "facility", "equipment" -> {
                String collection = kind.equals("centre") ? "centres" : kind.equals("facility") ? "facilities" : "equipment";
                ObjectNode data = NODES.objectNode().put("id", id.toString()).put("name", "Demo " + kind)
                        .put("centreCode", "digicat");
                yield of("/katapult/catapult-registry", type, collection + "/" + id, 1, null, data, data.deepCopy());
            }
            case "application" -> {
                ObjectNode data = NODES.objectNode().put("id", id.toString()).put("reference", "KAT-2027-0042")
                        .put("title", "Digital tvilling for havbruk").put("leadOrgNo", orgNo)
                        .put("contactEmail", "kari@example.no").put("status", type.substring(type.lastIndexOf('.') + 1).toUpperCase());
                ObjectNode partner = type.endsWith(".decided")
                        ? NODES.objectNode().put("id", id.toString()).put("reference", "KAT-2027-0042")
                        .put("title", "Digital tvilling for havbruk").put("outcome", "GRANTED").put("grantedAmount", 1250000)
                        : null;
                if (type.endsWith(".decided")) {
                    data.put("outcome", "GRANTED").put("grantedAmount", 1250000).put("justification", "Intern begrunnelse");
                }
                yield of("/katapult/application-service", type, "applications/" + id, 1, orgNo, data, partner);
            }
            default -> {
                // booking.* and aid.*: the subject is the booking, so its aid events are ordered with it.
                ObjectNode partner = NODES.objectNode().put("id", id.toString()).put("resourceName", "Metall-3D-printer")
                        .put("orgNo", orgNo).put("start", "2027-03-30T09:00:00+02:00").put("end", "2027-03-30T12:00:00+02:00");
                if (kind.equals("aid")) {
                    partner.put("aidAmount", 4200);
                }
                ObjectNode data = partner.deepCopy().put("bookedBy", "sme-anna").put("purpose", "Prototype av girkasse");
                yield of("/katapult/facility-booking", type, "bookings/" + id, 1, orgNo, data, partner);
            }
        };
    }

    public static EventEnvelope of(String source, String type, String subject, long sequence, String orgNo,
                                   ObjectNode data, ObjectNode partnerData) {
        return new EventEnvelope(UUID.randomUUID(), source, type, subject, sequence,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), orgNo, data, partnerData, null);
    }

    /** The next event of the same subject. */
    public static EventEnvelope next(EventEnvelope previous, String type) {
        return new EventEnvelope(UUID.randomUUID(), previous.source(), type, previous.subject(), previous.sequence() + 1,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), previous.orgNo(), previous.data(),
                previous.partnerData(), null);
    }

    /** Appends events to the hub's log directly (as ingestion does), in one transaction. */
    public static void append(Outbox outbox, EventEnvelope... events) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (EventEnvelope e : events) {
                outbox.append(e);
            }
        });
    }

    public static String json(EventEnvelope event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
