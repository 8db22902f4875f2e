package no.katapult.booking.aid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.booking.booking.Booking;
import no.katapult.booking.booking.BookingStatus;
import no.katapult.booking.booking.BookingView;
import no.katapult.booking.caller.Caller;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Reports on the de minimis aid that subsidised SME prices represent. */
@ApplicationScoped
public class AidService {

    static final String REGULATION = "de minimis, Regulation (EU) 2023/2831";

    @Inject
    EntityManager em;

    @Inject
    AidPolicy policy;

    @Inject
    AidLedger ledger;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** For siva-admin, partner, and users of the organisation itself; anyone else gets 404. */
    public AidSummary summary(String orgNo) {
        if (!caller.has(Caller.ADMIN) && !caller.has(Caller.PARTNER) && !orgNo.equals(caller.orgNo())) {
            throw ProblemException.notFound("No aid record for organisation " + orgNo);
        }
        Instant now = clock.instant();
        OffsetDateTime since = policy.windowStart(now);
        List<Booking> bookings = em.createQuery("FROM Booking b WHERE b.orgNo = :org AND b.status IN :active "
                        + "AND b.createdAt > :since AND b.aidAmount > 0 ORDER BY b.createdAt, b.id", Booking.class)
                .setParameter("org", orgNo).setParameter("active", BookingStatus.ACTIVE)
                .setParameter("since", since).getResultList();
        BigDecimal total = ledger.aidSince(orgNo, since);
        BigDecimal headroom = policy.ceilingNok().subtract(total).max(BigDecimal.ZERO);
        List<AidSummary.AidBooking> rows = bookings.stream().map(b -> new AidSummary.AidBooking(b.id, b.resourceType,
                b.resourceId, b.resourceName, b.centreCode, BookingView.oslo(b.start), BookingView.oslo(b.end), b.status,
                BookingView.oslo(b.createdAt), Money.nok(b.aidAmount), policy.toEur(b.aidAmount))).toList();
        return new AidSummary(orgNo, BookingView.oslo(since), BookingView.oslo(now.atOffset(ZoneOffset.UTC)),
                policy.eurNokRate(), Money.nok(total), policy.toEur(total), Money.nok(policy.ceilingNok()),
                policy.ceilingEur(), Money.nok(headroom), policy.toEur(headroom), rows);
    }

    /** Aid awarded in [from, to), per organisation and booking, as reported to the register for public support. */
    public List<AidAward> awards(OffsetDateTime from, OffsetDateTime to) {
        return em.createQuery("FROM Booking b WHERE b.status IN :active AND b.aidAmount > 0 "
                        + "AND b.createdAt >= :from AND b.createdAt < :to ORDER BY b.orgNo, b.createdAt, b.id", Booking.class)
                .setParameter("active", BookingStatus.ACTIVE).setParameter("from", from).setParameter("to", to)
                .getResultList().stream()
                .map(b -> new AidAward(b.createdAt.atZoneSameInstant(no.katapult.booking.time.Clocks.OSLO).toLocalDate(),
                        b.orgNo, b.id, b.centreCode, b.facilityId, b.resourceType, b.resourceId, b.resourceName,
                        BookingView.oslo(b.start), BookingView.oslo(b.end), b.status, REGULATION,
                        Money.nok(b.standardTotal), Money.nok(b.totalPrice), Money.nok(b.aidAmount),
                        policy.toEur(b.aidAmount)))
                .toList();
    }
}
