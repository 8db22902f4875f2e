package no.katapult.events.notification;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.common.events.EventEnvelope;
import no.katapult.events.Events;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events with the data the notifier reads, shaped as the producers publish them (issue 14's fields included). */
final class NotificationEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    static final String REGISTRY = "/katapult/catapult-registry";
    static final String APPLICATIONS = "/katapult/application-service";
    static final String BOOKINGS = "/katapult/facility-booking";

    private NotificationEvents() {
    }

    static EventEnvelope centre(String code, String contactEmail) {
        UUID id = UUID.randomUUID();
        ObjectNode data = NODES.objectNode().put("id", id.toString()).put("code", code).put("name", "Senter " + code)
                .put("kind", "NODE").put("status", "ACTIVE").put("contactEmail", contactEmail).put("version", 0);
        return Events.of(REGISTRY, "no.katapult.centre.created", "centres/" + id, 1, null, data, data.deepCopy());
    }

    static EventEnvelope organisation(String orgNo, String contactName, String contactEmail) {
        ObjectNode data = NODES.objectNode().put("orgNo", orgNo).put("name", "Partner " + orgNo).put("kind", "RESEARCH");
        if (contactEmail != null) {
            data.putObject("contactPerson").put("name", contactName).put("email", contactEmail);
        }
        return Events.of(REGISTRY, "no.katapult.organisation.updated", "organisations/" + orgNo,
                SEQUENCE.incrementAndGet(), orgNo, data, null);
    }

    /** A booking event: the full view, with bookedByEmail/bookedByLocale as facility-booking records them. */
    static EventEnvelope booking(String type, String centreCode, String orgNo, String bookerEmail, String bookerLocale,
                                 String aid, String purpose) {
        UUID id = UUID.randomUUID();
        ObjectNode data = NODES.objectNode().put("id", id.toString()).put("resourceType", "FACILITY")
                .put("resourceId", UUID.randomUUID().toString()).put("resourceName", "Metall-3D-printer")
                .put("facilityId", UUID.randomUUID().toString()).put("centreCode", centreCode).put("orgNo", orgNo)
                .put("bookedBy", "sme-test").put("bookedByEmail", bookerEmail).put("bookedByLocale", bookerLocale)
                .put("start", "2027-03-30T09:00:00+02:00").put("end", "2027-03-30T12:00:00+02:00")
                .put("purpose", purpose).put("status", type.substring(type.lastIndexOf('.') + 1).toUpperCase())
                .put("statusReason", type.endsWith("rejected") ? "Vedlikehold <planlagt>" : null)
                .put("lateCancellation", type.endsWith("cancelled"))
                .put("version", 1).put("createdAt", "2027-03-01T10:00:00+01:00").put("updatedAt", "2027-03-02T10:00:00+01:00");
        ObjectNode price = data.putObject("price");
        price.put("basis", "SME");
        price.putObject("total").put("amount", 1800.00).put("currency", "NOK");
        price.putObject("standardTotal").put("amount", 1800.00 + Double.parseDouble(aid)).put("currency", "NOK");
        price.putObject("aidAmount").put("amount", new BigDecimal(aid)).put("currency", "NOK");
        ObjectNode partner = data.deepCopy();
        partner.remove(List.of("bookedBy", "bookedByEmail", "bookedByLocale", "purpose", "statusReason"));
        return Events.of(BOOKINGS, type, "bookings/" + id, 1, orgNo, data, partner);
    }

    /** An application event: the full view with submittedBy (recorded at submit) and the contact person. */
    static EventEnvelope application(String type, String leadOrgNo, String submitterEmail, String submitterLocale,
                                     String contactEmail, List<String> partnerOrgNos, boolean approved) {
        UUID id = UUID.randomUUID();
        ObjectNode data = NODES.objectNode().put("id", id.toString()).put("reference", "KAT-2027-" + (1000 + (id.hashCode() & 0xfff)))
                .put("callId", UUID.randomUUID().toString()).put("title", "Digital tvilling for havbruk");
        data.putObject("leadApplicant").put("orgNo", leadOrgNo).put("name", "Havbruk AS");
        data.putObject("contactPerson").put("name", "Kari Nordmann").put("email", contactEmail);
        var partners = data.putArray("partners");
        for (String orgNo : partnerOrgNos) {
            partners.addObject().put("orgNo", orgNo).put("name", "Partner " + orgNo).put("role", "Forsker");
        }
        data.putObject("submittedBy").put("username", "applicant-test").put("email", submitterEmail)
                .put("locale", submitterLocale);
        if (type.endsWith(".decided")) {
            ObjectNode decision = data.putObject("decision").put("outcome", approved ? "APPROVED" : "REJECTED")
                    .put("conditions", approved ? "Rapport innen 31. desember" : null);
            if (approved) {
                decision.putObject("grantedAmount").put("amount", 1250000.00).put("currency", "NOK");
            }
            data.put("status", approved ? "APPROVED" : "REJECTED");
        } else {
            data.put("status", "SUBMITTED");
        }
        return Events.of(APPLICATIONS, type, "applications/" + id, 1, leadOrgNo, data, null);
    }

    /** A reviewers-assigned event as application-service writes it once reviewers carry their e-mail and locale. */
    static EventEnvelope reviewersAssigned(List<ObjectNode> reviewers) {
        UUID id = UUID.randomUUID();
        ObjectNode data = NODES.objectNode().put("applicationId", id.toString()).put("reference", "KAT-2027-0042")
                .put("title", "Digital tvilling for havbruk").put("assignedAt", "2027-04-01T10:00:00+02:00");
        var array = data.putArray("reviewers");
        reviewers.forEach(array::add);
        return Events.of(APPLICATIONS, "no.katapult.application.reviewers-assigned", "applications/" + id, 1, null,
                data, null);
    }

    static ObjectNode reviewer(String username, String email, String locale) {
        return NODES.objectNode().put("username", username).put("email", email).put("locale", locale);
    }
}
