package no.katapult.booking.usage;

import no.katapult.common.time.Clocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.booking.BookingView;
import no.katapult.common.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;

/** Use of each centre's facilities, aggregated so that it names no users or organisations. */
@ApplicationScoped
public class UsageService {

    @Inject
    EntityManager em;

    /** Active bookings that start in [start, end), per centre. */
    public UsageView usage(OffsetDateTime start, OffsetDateTime end) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT centre_code, count(*), "
                        + "count(*) FILTER (WHERE status = 'CONFIRMED'), "
                        + "COALESCE(SUM(EXTRACT(EPOCH FROM (end_at - start_at))), 0) / 3600.0, "
                        + "count(DISTINCT org_no), COALESCE(SUM(aid_amount), 0) "
                        + "FROM booking WHERE status IN ('REQUESTED', 'CONFIRMED') AND start_at >= ?1 AND start_at < ?2 "
                        + "GROUP BY centre_code ORDER BY centre_code")
                .setParameter(1, start).setParameter(2, end).getResultList();
        List<UsageView.CentreUsage> centres = rows.stream().map(r -> new UsageView.CentreUsage((String) r[0],
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                new BigDecimal(r[3].toString()).setScale(2, RoundingMode.HALF_UP), ((Number) r[4]).longValue(),
                Money.nok(new BigDecimal(r[5].toString())))).toList();
        return new UsageView(Clocks.inOslo(start), Clocks.inOslo(end), centres);
    }
}
