package no.katapult.booking.aid;

import no.katapult.common.money.Money;
import no.katapult.common.time.Clocks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The arithmetic of the aid statement, without I/O: which bookings it lists, the year's total, the rolling
 * three-year total against the ceiling and the headroom, in NOK and EUR.
 *
 * <ul>
 * <li>Aid is dated by when it was granted, the moment the booking was made, as the ceiling check counts it;
 *     the year is that moment's Europe/Oslo year.</li>
 * <li>Only active bookings count: a cancelled or rejected booking's aid was released.</li>
 * <li>The three-year window ends at the cut-off: now, for the current year, so its total and headroom are exactly
 *     what a new booking's ceiling check sees ({@link AidLedger#aidSince}); the end of the year, for a past year,
 *     so the window is its three calendar years. Aid granted after the window's start, up to and including the
 *     cut-off, counts.</li>
 * <li>Each EUR figure is converted from its own NOK figure and rounded half-up to the cent, so the lines' EUR may
 *     differ from the total's EUR by up to half a cent per line.</li>
 * </ul>
 */
public final class AidStatement {

    /** Norsk katapult began in 2017: no statement year before it. */
    public static final int FIRST_YEAR = 2017;

    /** The sentence that Article 6(1) of the regulation asks for, in bokmål. */
    public static final String DECLARATION = "Støtten er bagatellmessig støtte (de minimis-støtte) etter "
            + "kommisjonsforordning (EU) 2023/2831, slik den er innlemmet i EØS-avtalen.";

    /**
     * The regulation's title and its publication reference in the Official Journal, which Article 6(1) asks the
     * statement to cite. The EEA version was not confirmed when this was written, so the EU publication is cited.
     */
    public static final String REGULATION_TITLE = "Commission Regulation (EU) 2023/2831 of 13 December 2023 on the "
            + "application of Articles 107 and 108 of the Treaty on the Functioning of the European Union to de minimis aid";
    public static final String OFFICIAL_JOURNAL = "OJ L, 2023/2831, 15.12.2023";
    public static final String ELI = "http://data.europa.eu/eli/reg/2023/2831/oj";

    /** Timestamps are kept to the microsecond, so the last instant of a year is one microsecond before the next. */
    private static final long PRECISION_NANOS = 1_000;

    private AidStatement() {
    }

    /** The latest year with a statement: the current one, in Oslo. */
    public static int currentYear(Instant now) {
        return now.atZone(Clocks.OSLO).getYear();
    }

    /** The last instant the statement of {@code year} counts: now for the current year, else the year's end. */
    public static Instant cutOff(int year, Instant now) {
        int current = currentYear(now);
        if (year > current) {
            throw new IllegalArgumentException("No statement for " + year + " before it has begun");
        }
        return year == current ? now
                : LocalDate.of(year + 1, 1, 1).atStartOfDay(Clocks.OSLO).toInstant().minusNanos(PRECISION_NANOS);
    }

    /**
     * The statement of {@code year} from the organisation's grants; grants outside the year and the window, and
     * released ones, may be among them and are left out.
     */
    public static AidStatementView compose(String grantingBody, String orgNo, String name, int year, Instant now,
                                           List<AidGrant> grants, AidPolicy policy) {
        Instant to = cutOff(year, now);
        OffsetDateTime from = policy.windowStart(to);
        List<AidGrant> counted = grants.stream()
                .filter(AidGrant::carriesAid)
                .filter(g -> g.grantedAt().isAfter(from) && !g.grantedAt().toInstant().isAfter(to))
                .toList();
        List<AidGrant> ofYear = counted.stream()
                .filter(g -> grantedOn(g).getYear() == year)
                .sorted(Comparator.comparing(AidGrant::grantedAt).thenComparing(AidGrant::bookingId))
                .toList();
        BigDecimal yearTotal = sum(ofYear);
        BigDecimal windowTotal = sum(counted);
        BigDecimal headroom = policy.headroom(windowTotal);
        AidStatementView.RollingPeriod period = new AidStatementView.RollingPeriod(Clocks.inOslo(from),
                Clocks.inOslo(to), Money.nok(windowTotal), policy.toEur(windowTotal), Money.nok(policy.ceilingNok()),
                policy.ceilingEur(), Money.nok(headroom), policy.toEur(headroom));
        return new AidStatementView(year, Clocks.inOslo(now.truncatedTo(ChronoUnit.MICROS)), grantingBody,
                new AidStatementView.Undertaking(orgNo, name), policy.eurNokRate(),
                ofYear.stream().map(g -> line(g, policy)).toList(), Money.nok(yearTotal), policy.toEur(yearTotal),
                period, AidService.REGULATION, REGULATION_TITLE, OFFICIAL_JOURNAL, ELI, DECLARATION);
    }

    private static AidStatementView.Line line(AidGrant g, AidPolicy policy) {
        return new AidStatementView.Line(g.bookingId(), grantedOn(g), Clocks.inOslo(g.start()), Clocks.inOslo(g.end()),
                g.status(), g.centreCode(), g.facilityName(), g.resourceType(), g.resourceName(),
                Money.nok(g.standardPrice()), Money.nok(g.pricePaid()), Money.nok(g.aidAmount()),
                policy.toEur(g.aidAmount()));
    }

    private static LocalDate grantedOn(AidGrant g) {
        return g.grantedAt().atZoneSameInstant(Clocks.OSLO).toLocalDate();
    }

    private static BigDecimal sum(List<AidGrant> grants) {
        return grants.stream().map(AidGrant::aidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
