package no.katapult.booking.aid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.booking.Booking;
import no.katapult.booking.BookingStatus;
import no.katapult.booking.BookingView;
import no.katapult.booking.config.BookingConfig;
import no.katapult.booking.registry.RegistryClient;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;
import no.katapult.common.time.Clocks;

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

    @Inject
    RegistryClient registry;

    @Inject
    BookingConfig config;

    /** For siva-admin, partner, and users of the organisation itself; anyone else gets 404. */
    public AidSummaryView summary(String orgNo) {
        if (!caller.isAdmin() && !caller.has(Roles.PARTNER) && caller.orgNo().filter(orgNo::equals).isEmpty()) {
            throw ProblemException.notFound("No aid record for organisation " + orgNo);
        }
        Instant now = clock.instant();
        OffsetDateTime since = policy.windowStart(now);
        List<Booking> bookings = em.createQuery("FROM Booking b WHERE b.orgNo = :org AND b.status IN :active "
                        + "AND b.createdAt > :since AND b.aidAmount > 0 ORDER BY b.createdAt, b.id", Booking.class)
                .setParameter("org", orgNo).setParameter("active", BookingStatus.ACTIVE)
                .setParameter("since", since).getResultList();
        BigDecimal total = ledger.aidSince(orgNo, since);
        BigDecimal headroom = policy.headroom(total);
        List<AidSummaryView.AidBooking> rows = bookings.stream().map(b -> new AidSummaryView.AidBooking(b.id, b.resourceType,
                b.resourceId, b.resourceName, b.centreCode, Clocks.inOslo(b.start), Clocks.inOslo(b.end), b.status,
                Clocks.inOslo(b.createdAt), Money.nok(b.aidAmount), policy.toEur(b.aidAmount))).toList();
        return new AidSummaryView(orgNo, Clocks.inOslo(since), Clocks.inOslo(now.atOffset(ZoneOffset.UTC)),
                policy.eurNokRate(), Money.nok(total), policy.toEur(total), Money.nok(policy.ceilingNok()),
                policy.ceilingEur(), Money.nok(headroom), policy.toEur(headroom), rows);
    }

    /**
     * The written statement of the aid granted to the organisation in {@code year}, for its own sme users and
     * siva-admin; anyone else gets 404. The organisation's name is read from catapult-registry with the caller's
     * token: a registry that cannot answer makes this a 503 registry-unavailable (the statement is a document to
     * keep, so it is not issued without the name); one without a record of the organisation leaves the name out.
     */
    public AidStatementView statement(String orgNo, int year, Instant now) {
        boolean own = caller.has(Roles.SME) && caller.orgNo().filter(orgNo::equals).isPresent();
        if (!own && !caller.isAdmin()) {
            throw ProblemException.notFound("No aid statement for organisation " + orgNo);
        }
        Instant to = AidStatement.cutOff(year, now);
        List<AidGrant> grants = em.createQuery("FROM Booking b WHERE b.orgNo = :org AND b.status IN :active "
                        + "AND b.aidAmount > 0 AND b.createdAt > :from AND b.createdAt <= :to ORDER BY b.createdAt, b.id",
                        Booking.class)
                .setParameter("org", orgNo).setParameter("active", BookingStatus.ACTIVE)
                .setParameter("from", policy.windowStart(to)).setParameter("to", to.atOffset(ZoneOffset.UTC))
                .getResultList().stream().map(AidGrant::of).toList();
        String name = registry.organisationName(orgNo, caller.rawToken().orElseThrow()).orElse(null);
        return AidStatement.compose(config.aidGrantingBody(), orgNo, name, year, now, grants, policy);
    }

    /** Aid awarded in [from, to), per organisation and booking, as reported to the register for public support. */
    public List<AidAwardView> awards(OffsetDateTime from, OffsetDateTime to) {
        return em.createQuery("FROM Booking b WHERE b.status IN :active AND b.aidAmount > 0 "
                        + "AND b.createdAt >= :from AND b.createdAt < :to ORDER BY b.orgNo, b.createdAt, b.id", Booking.class)
                .setParameter("active", BookingStatus.ACTIVE).setParameter("from", from).setParameter("to", to)
                .getResultList().stream()
                .map(b -> new AidAwardView(b.createdAt.atZoneSameInstant(Clocks.OSLO).toLocalDate(),
                        b.orgNo, b.id, b.centreCode, b.facilityId, b.resourceType, b.resourceId, b.resourceName,
                        Clocks.inOslo(b.start), Clocks.inOslo(b.end), b.status, REGULATION,
                        Money.nok(b.standardTotal), Money.nok(b.totalPrice), Money.nok(b.aidAmount),
                        policy.toEur(b.aidAmount)))
                .toList();
    }
}
