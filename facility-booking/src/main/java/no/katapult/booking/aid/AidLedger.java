package no.katapult.booking.aid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.booking.Booking;
import no.katapult.booking.StateAid;
import no.katapult.common.events.Outbox;
import no.katapult.common.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The aid recorded for organisations, read from active bookings: cancelling or rejecting releases it.
 * Grants and releases are also events (subject {@code organisations/{orgNo}/aid}) for Siva, partners and
 * the organisation; they carry no personal data, so partners see them whole.
 */
@ApplicationScoped
public class AidLedger implements StateAid {

    public static final String GRANTED = "no.katapult.aid.granted";
    public static final String RELEASED = "no.katapult.aid.released";

    @Inject
    EntityManager em;

    @Inject
    AidPolicy policy;

    @Inject
    Outbox outbox;

    @Override
    public void reserve(String orgNo, BigDecimal aid, Instant now) {
        if (aid.signum() <= 0) {
            return;
        }
        lockOrganisation(orgNo);
        policy.check(orgNo, aidSince(orgNo, policy.windowStart(now)), aid);
    }

    @Override
    public void granted(Booking booking) {
        publish(GRANTED, booking);
    }

    @Override
    public void released(Booking booking) {
        publish(RELEASED, booking);
    }

    private void publish(String type, Booking b) {
        if (b.aidAmount.signum() <= 0) {
            return;
        }
        AidEventView data = new AidEventView(b.orgNo, b.id, Money.nok(b.aidAmount), policy.toEur(b.aidAmount),
                AidService.REGULATION);
        outbox.publish(type, subject(b.orgNo), data, data, b.orgNo);
    }

    private static String subject(String orgNo) {
        return "organisations/" + orgNo + "/aid";
    }

    /** Aid of the organisation's active bookings created after {@code since}. */
    public BigDecimal aidSince(String orgNo, OffsetDateTime since) {
        Object sum = em.createNativeQuery("SELECT COALESCE(SUM(aid_amount), 0) FROM booking WHERE org_no = ?1 "
                        + "AND status IN ('REQUESTED', 'CONFIRMED') AND created_at > ?2")
                .setParameter(1, orgNo).setParameter(2, since).getSingleResult();
        return new BigDecimal(sum.toString());
    }

    /** Holds the organisation's aid decisions until the transaction ends. */
    private void lockOrganisation(String orgNo) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7013))")
                .setParameter(1, "aid:" + orgNo).getSingleResult();
    }
}
