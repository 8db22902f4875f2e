package no.katapult.booking.aid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The aid recorded for organisations, read from active bookings: cancelling or rejecting releases it. */
@ApplicationScoped
public class AidLedger {

    @Inject
    EntityManager em;

    @Inject
    AidPolicy policy;

    /**
     * Serialises aid decisions of one organisation until the transaction ends, so two concurrent
     * bookings cannot both fit under the ceiling that only one of them fits under.
     */
    public void lockOrganisation(String orgNo) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7013))")
                .setParameter(1, "aid:" + orgNo).getSingleResult();
    }

    public BigDecimal aidSince(String orgNo, OffsetDateTime since) {
        Object sum = em.createNativeQuery("SELECT COALESCE(SUM(aid_amount), 0) FROM booking WHERE org_no = ?1 "
                        + "AND status IN ('REQUESTED', 'CONFIRMED') AND created_at > ?2")
                .setParameter(1, orgNo).setParameter(2, since).getSingleResult();
        return new BigDecimal(sum.toString());
    }

    /** Call with the organisation locked: refuses aid that would take it over the ceiling. */
    public void checkCeiling(String orgNo, BigDecimal newAid, Instant now) {
        if (newAid.signum() <= 0) {
            return;
        }
        BigDecimal used = aidSince(orgNo, policy.windowStart(now));
        BigDecimal ceiling = policy.ceilingNok();
        BigDecimal headroom = ceiling.subtract(used).max(BigDecimal.ZERO);
        if (used.add(newAid).compareTo(ceiling) > 0) {
            throw ProblemException.unprocessable("aid-ceiling-exceeded",
                            "This booking carries NOK " + newAid.toPlainString() + " of de minimis aid, but organisation "
                                    + orgNo + " has only NOK " + headroom.toPlainString() + " (EUR "
                                    + policy.toEur(headroom).toPlainString() + ") left under the ceiling of EUR "
                                    + policy.ceilingEur().toPlainString() + " over three years")
                    .with("rule", "deMinimisCeiling")
                    .with("aidAmount", Money.nok(newAid))
                    .with("aidUsed", Money.nok(used))
                    .with("ceiling", Money.nok(ceiling))
                    .with("ceilingEur", policy.ceilingEur())
                    .with("headroom", Money.nok(headroom))
                    .with("headroomEur", policy.toEur(headroom));
        }
    }
}
