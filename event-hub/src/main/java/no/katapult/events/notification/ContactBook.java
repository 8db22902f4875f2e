package no.katapult.events.notification;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.events.EventEnvelope;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Organisations' contact persons and centres' contact e-mails, kept from the registry's events as the notifier
 * reads them (in the notifier's transaction, so they are as of the event being read): no.katapult.organisation.updated
 * carries {@code contactPerson}, no.katapult.centre.created|updated {@code code} and {@code contactEmail}.
 */
@ApplicationScoped
public class ContactBook implements Recipients.Contacts {

    static final String ORGANISATION_UPDATED = "no.katapult.organisation.updated";
    static final String CENTRE_PREFIX = "no.katapult.centre.";

    @Inject
    EntityManager em;

    /** Takes what the event says about a contact; other events change nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EventEnvelope event) {
        JsonNode data = event.data();
        if (event.type().equals(ORGANISATION_UPDATED)) {
            String orgNo = text(data, "orgNo");
            if (orgNo == null || orgNo.length() != 9) {
                return;
            }
            String email = text(data.path("contactPerson"), "email");
            if (email == null || !Recipients.isAddress(Recipients.normalise(email))) {
                em.createNativeQuery("DELETE FROM organisation_contact WHERE org_no = :org").setParameter("org", orgNo)
                        .executeUpdate();
                return;
            }
            em.createNativeQuery("INSERT INTO organisation_contact (org_no, name, email, updated_at) "
                            + "VALUES (:org, :name, :email, :at) ON CONFLICT (org_no) DO UPDATE SET name = EXCLUDED.name, "
                            + "email = EXCLUDED.email, updated_at = EXCLUDED.updated_at")
                    .setParameter("org", orgNo).setParameter("name", cut(text(data.path("contactPerson"), "name"), 200))
                    .setParameter("email", Recipients.normalise(email)).setParameter("at", event.time())
                    .executeUpdate();
        } else if (event.type().startsWith(CENTRE_PREFIX)) {
            String id = text(data, "id");
            String code = text(data, "code");
            if (id == null || code == null) {
                return;
            }
            String email = text(data, "contactEmail");
            em.createNativeQuery("INSERT INTO centre_contact (centre_id, code, name, email, updated_at) "
                            + "VALUES (:id, :code, :name, :email, :at) ON CONFLICT (centre_id) DO UPDATE SET code = EXCLUDED.code, "
                            + "name = EXCLUDED.name, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at")
                    .setParameter("id", UUID.fromString(id)).setParameter("code", cut(code, 100))
                    .setParameter("name", cut(text(data, "name"), 300))
                    .setParameter("email", email == null ? null : cut(Recipients.normalise(email), 320))
                    .setParameter("at", event.time())
                    .executeUpdate();
        }
    }

    @Override
    public Optional<String> centreEmail(String centreCode) {
        List<?> rows = em.createNativeQuery("SELECT email FROM centre_contact WHERE code = :code AND email IS NOT NULL "
                        + "ORDER BY updated_at DESC LIMIT 1")
                .setParameter("code", centreCode).getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    @Override
    public Optional<String> organisationEmail(String orgNo) {
        List<?> rows = em.createNativeQuery("SELECT email FROM organisation_contact WHERE org_no = :org")
                .setParameter("org", orgNo).getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
