package no.katapult.booking.aid;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import no.katapult.booking.BookingStatus;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.money.Money;
import no.katapult.common.time.Clocks;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statement's arithmetic with the defaults, EUR 300,000 at 11.50 NOK/EUR = NOK 3,450,000: which bookings it
 * lists, the year's total, the rolling three years, the headroom, and the EUR figures.
 */
class AidStatementTest {

    static final AidPolicy POLICY = new AidPolicy(new BigDecimal("300000"), new BigDecimal("11.50"));
    static final String BODY = "Siva – Selskapet for industrivekst SF, Norsk katapult";
    static final String ORG = "910000012";

    static OffsetDateTime at(String rfc3339) {
        return OffsetDateTime.parse(rfc3339);
    }

    static AidGrant grant(String grantedAt, BookingStatus status, String standard, String paid) {
        OffsetDateTime granted = at(grantedAt);
        BigDecimal aid = new BigDecimal(standard).subtract(new BigDecimal(paid));
        return new AidGrant(UUID.randomUUID(), granted, granted.plusDays(7), granted.plusDays(7).plusHours(3), status,
                "digicat", "Simuleringslab", ResourceType.FACILITY, "Simuleringslab", new BigDecimal(standard),
                new BigDecimal(paid), aid);
    }

    static AidGrant grant(String grantedAt, String aid) {
        return grant(grantedAt, BookingStatus.CONFIRMED, new BigDecimal(aid).multiply(BigDecimal.TEN).toPlainString(),
                new BigDecimal(aid).multiply(BigDecimal.valueOf(9)).toPlainString());
    }

    static AidStatementView compose(int year, String now, List<AidGrant> grants) {
        return AidStatement.compose(BODY, ORG, "Anna Prototyping AS", year, Instant.parse(now), grants, POLICY);
    }

    static BigDecimal nok(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void listsTheYearsActiveBookingsWithAidOldestFirst() {
        AidGrant march = grant("2027-03-02T10:00:00+01:00", BookingStatus.CONFIRMED, "1000000.00", "100000.00");
        AidGrant january = grant("2027-01-11T10:00:00+01:00", BookingStatus.REQUESTED, "25000.00", "10000.00");
        AidGrant cancelled = grant("2027-02-01T10:00:00+01:00", BookingStatus.CANCELLED, "50000.00", "20000.00");
        AidGrant rejected = grant("2027-02-02T10:00:00+01:00", BookingStatus.REJECTED, "50000.00", "20000.00");
        AidGrant withoutAid = grant("2027-02-03T10:00:00+01:00", BookingStatus.CONFIRMED, "5000.00", "5000.00");
        AidGrant lastYear = grant("2026-06-15T10:00:00+02:00", BookingStatus.CONFIRMED, "200000.00", "50000.00");

        AidStatementView s = compose(2027, "2027-06-01T08:00:00Z",
                List.of(march, january, cancelled, rejected, withoutAid, lastYear));

        assertEquals(List.of(january.bookingId(), march.bookingId()),
                s.bookings().stream().map(AidStatementView.Line::bookingId).toList());
        AidStatementView.Line first = s.bookings().get(0);
        assertEquals(LocalDate.parse("2027-01-11"), first.grantedOn());
        assertEquals(Money.nok("25000.00"), first.standardPrice());
        assertEquals(Money.nok("10000.00"), first.pricePaid());
        assertEquals(Money.nok("15000.00"), first.aidAmount());
        assertEquals(nok("1304.35"), first.aidAmountEur());
        assertEquals(BookingStatus.REQUESTED, first.status());
        assertEquals(nok("78260.87"), s.bookings().get(1).aidAmountEur());

        assertEquals(Money.nok("915000.00"), s.yearTotal());
        assertEquals(nok("79565.22"), s.yearTotalEur());
        // Last year's grant is in the three years, the released ones are not.
        assertEquals(Money.nok("1065000.00"), s.rollingThreeYears().aidTotal());
        assertEquals(nok("92608.70"), s.rollingThreeYears().aidTotalEur());
        assertEquals(Money.nok("3450000.00"), s.rollingThreeYears().ceiling());
        assertEquals(nok("300000.00"), s.rollingThreeYears().ceilingEur());
        assertEquals(Money.nok("2385000.00"), s.rollingThreeYears().headroom());
        assertEquals(nok("207391.30"), s.rollingThreeYears().headroomEur());
    }

    @Test
    void namesTheGranterTheUndertakingTheRateAndTheRegulation() {
        AidStatementView s = compose(2027, "2027-06-01T08:00:00Z", List.of());
        assertEquals(2027, s.year());
        assertEquals(BODY, s.grantingBody());
        assertEquals(new AidStatementView.Undertaking(ORG, "Anna Prototyping AS"), s.undertaking());
        assertEquals(nok("11.50"), s.eurNokRate());
        assertEquals(at("2027-06-01T10:00:00+02:00"), s.issuedAt());
        assertEquals("de minimis, Regulation (EU) 2023/2831", s.regulation());
        assertEquals("Støtten er bagatellmessig støtte (de minimis-støtte) etter kommisjonsforordning (EU) 2023/2831, "
                + "slik den er innlemmet i EØS-avtalen.", s.declaration());
        assertTrue(s.bookings().isEmpty());
        assertEquals(Money.zero(), s.yearTotal());
        assertEquals(nok("0.00"), s.yearTotalEur());
        assertEquals(Money.nok("3450000.00"), s.rollingThreeYears().headroom());

        assertNull(AidStatement.compose(BODY, ORG, null, 2027, Instant.parse("2027-06-01T08:00:00Z"), List.of(), POLICY)
                .undertaking().name());
    }

    @Test
    void theYearIsTheOsloYearOfTheDayTheAidWasGranted() {
        // 23:30 UTC on New Year's Eve is already 2027 in Oslo.
        AidGrant newYear = grant("2026-12-31T23:30:00Z", "100.00");
        AidGrant oldYear = grant("2026-12-31T22:59:59.999999Z", "50.00");
        AidStatementView s2027 = compose(2027, "2027-06-01T08:00:00Z", List.of(newYear, oldYear));
        assertEquals(List.of(newYear.bookingId()), s2027.bookings().stream().map(AidStatementView.Line::bookingId).toList());
        assertEquals(LocalDate.parse("2027-01-01"), s2027.bookings().get(0).grantedOn());
        AidStatementView s2026 = compose(2026, "2027-06-01T08:00:00Z", List.of(newYear, oldYear));
        assertEquals(List.of(oldYear.bookingId()), s2026.bookings().stream().map(AidStatementView.Line::bookingId).toList());
        assertEquals(LocalDate.parse("2026-12-31"), s2026.bookings().get(0).grantedOn());
    }

    @Test
    void theCurrentYearsWindowIsTheCeilingChecksThreeYearsUpToNow() {
        String now = "2027-06-01T08:00:00Z";
        List<AidGrant> grants = List.of(
                grant("2024-06-01T08:00:00Z", "1.00"),             // exactly three years ago: out, as in the ledger
                grant("2024-06-01T08:00:00.000001Z", "10.00"),     // just inside
                grant("2027-06-01T08:00:00Z", "100.00"),           // granted this very microsecond: in
                grant("2027-06-01T08:00:00.000001Z", "1000.00"));  // after the cut-off: neither listed nor counted
        AidStatementView s = compose(2027, now, grants);
        assertEquals(at("2024-06-01T10:00:00+02:00"), s.rollingThreeYears().from());
        assertEquals(at("2027-06-01T10:00:00+02:00"), s.rollingThreeYears().to());
        assertEquals(s.issuedAt(), s.rollingThreeYears().to());
        assertEquals(Money.nok("110.00"), s.rollingThreeYears().aidTotal());
        assertEquals(Money.nok("100.00"), s.yearTotal());
        assertEquals(1, s.bookings().size());
        assertEquals(POLICY.windowStart(Instant.parse(now)), s.rollingThreeYears().from().withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Test
    void aPastYearsWindowIsItsThreeCalendarYears() {
        List<AidGrant> grants = List.of(
                grant("2023-12-31T23:59:59.999999+01:00", "1.00"), // the year before the three: out
                grant("2024-01-01T00:00:00+01:00", "10.00"),        // first instant of 2024: in
                grant("2025-07-01T12:00:00+02:00", "100.00"),
                grant("2026-12-31T23:59:59.999999+01:00", "1000.00"), // last instant of 2026: in, and listed
                grant("2027-01-01T00:00:00+01:00", "10000.00"));      // 2027: out
        AidStatementView s = compose(2026, "2027-06-01T08:00:00Z", grants);
        assertEquals(at("2023-12-31T23:59:59.999999+01:00"), s.rollingThreeYears().from());
        assertEquals(at("2026-12-31T23:59:59.999999+01:00"), s.rollingThreeYears().to());
        assertEquals(Money.nok("1110.00"), s.rollingThreeYears().aidTotal());
        assertEquals(Money.nok("1000.00"), s.yearTotal());
        assertEquals(at("2027-06-01T10:00:00+02:00"), s.issuedAt());
    }

    @Test
    void aFutureYearHasNoStatementAndTheCurrentYearIsOslos() {
        assertThrows(IllegalArgumentException.class, () -> compose(2028, "2027-12-31T22:59:59Z", List.of()));
        assertEquals(2028, AidStatement.currentYear(Instant.parse("2027-12-31T23:00:00Z")));
        assertEquals(2027, AidStatement.currentYear(Instant.parse("2027-12-31T22:59:59.999999Z")));
    }

    @Test
    void headroomIsNeverNegativeWhenTheCeilingWasLoweredBelowTheAidGranted() {
        AidPolicy lowered = new AidPolicy(new BigDecimal("100000"), new BigDecimal("11.50"));
        AidStatementView s = AidStatement.compose(BODY, ORG, "X", 2027, Instant.parse("2027-06-01T08:00:00Z"),
                List.of(grant("2027-02-01T10:00:00+01:00", "2000000.00")), lowered);
        assertEquals(Money.nok("1150000.00"), s.rollingThreeYears().ceiling());
        assertEquals(Money.nok("2000000.00"), s.rollingThreeYears().aidTotal());
        assertEquals(Money.zero(), s.rollingThreeYears().headroom());
        assertEquals(nok("0.00"), s.rollingThreeYears().headroomEur());
    }

    @Test
    void eurFiguresAreEachConvertedFromNokAndRoundedHalfUpToTheCent() {
        AidPolicy tenToOne = new AidPolicy(new BigDecimal("300000"), new BigDecimal("10"));
        List<AidGrant> grants = List.of(grant("2027-02-01T10:00:00+01:00", "0.25"),
                grant("2027-02-02T10:00:00+01:00", "0.25"), grant("2027-02-03T10:00:00+01:00", "0.04"));
        AidStatementView s = AidStatement.compose(BODY, ORG, "X", 2027, Instant.parse("2027-06-01T08:00:00Z"), grants,
                tenToOne);
        // 0.025 rounds up to 0.03 (half-even would give 0.02); 0.004 down to 0.00.
        assertEquals(List.of(nok("0.03"), nok("0.03"), nok("0.00")),
                s.bookings().stream().map(AidStatementView.Line::aidAmountEur).toList());
        // The total is converted once: 0.54 NOK is 0.054 EUR, 0.05, not the lines' 0.06.
        assertEquals(Money.nok("0.54"), s.yearTotal());
        assertEquals(nok("0.05"), s.yearTotalEur());
    }

    // Properties over many grants, against oracles written independently of the model.

    static final Instant FIRST = Instant.parse("2022-06-01T00:00:00Z");
    static final Instant LAST = Instant.parse("2028-12-31T00:00:00Z");

    @Provide
    Arbitrary<Instant> instants() {
        List<Instant> edges = new ArrayList<>();
        for (int y = 2023; y <= 2028; y++) {
            Instant newYear = LocalDate.of(y, 1, 1).atStartOfDay(Clocks.OSLO).toInstant();
            edges.add(newYear);
            edges.add(newYear.minus(1, ChronoUnit.MICROS));
        }
        Arbitrary<Instant> any = Arbitraries.longs()
                .between(FIRST.getEpochSecond() * 1_000_000, LAST.getEpochSecond() * 1_000_000)
                .map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, any),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(edges)));
    }

    @Provide
    Arbitrary<List<AidGrant>> grants() {
        Arbitrary<BigDecimal> standard = Arbitraries.longs().between(0, 200_000_000L).map(ore -> BigDecimal.valueOf(ore, 2));
        Arbitrary<Integer> percentPaid = Arbitraries.integers().between(0, 100);
        return Combinators.combine(instants(), Arbitraries.of(BookingStatus.class), standard, percentPaid)
                .as((granted, status, std, percent) -> {
                    BigDecimal paid = std.multiply(BigDecimal.valueOf(percent)).movePointLeft(2)
                            .setScale(2, java.math.RoundingMode.HALF_UP);
                    OffsetDateTime at = granted.atOffset(ZoneOffset.UTC);
                    return new AidGrant(UUID.randomUUID(), at, at.plusDays(3), at.plusDays(3).plusHours(2), status,
                            "digicat", "Lab", ResourceType.FACILITY, "Lab", std, paid, std.subtract(paid));
                })
                .list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<Instant> nows() {
        return instants().filter(i -> i.isAfter(Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Property(tries = 300)
    void totalsAddUpAndTheHeadroomCompletesTheCeiling(@ForAll("grants") List<AidGrant> grants,
                                                     @ForAll("nows") Instant now,
                                                     @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int yearsBack) {
        int year = AidStatement.currentYear(now) - yearsBack;
        AidStatementView s = AidStatement.compose(BODY, ORG, "X", year, now, grants, POLICY);

        BigDecimal lines = s.bookings().stream().map(l -> l.aidAmount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, lines.compareTo(s.yearTotal().amount()));
        s.bookings().forEach(l -> {
            assertEquals(year, l.grantedOn().getYear());
            assertEquals(0, l.aidAmount().amount().compareTo(l.standardPrice().amount().subtract(l.pricePaid().amount())));
            assertTrue(l.aidAmount().amount().signum() > 0);
            assertTrue(l.status().isActive());
        });
        assertTrue(s.rollingThreeYears().aidTotal().amount().compareTo(s.yearTotal().amount()) >= 0);

        BigDecimal used = s.rollingThreeYears().aidTotal().amount();
        BigDecimal ceiling = s.rollingThreeYears().ceiling().amount();
        BigDecimal headroom = s.rollingThreeYears().headroom().amount();
        assertEquals(0, (used.compareTo(ceiling) <= 0 ? ceiling.subtract(used) : BigDecimal.ZERO).compareTo(headroom));

        // EUR: each figure is its NOK figure converted once and rounded to the cent, so the lines' EUR sum strays
        // from the total's EUR by at most half a cent per rounding (each line's and the total's).
        assertEquals(POLICY.toEur(s.yearTotal().amount()), s.yearTotalEur());
        assertEquals(POLICY.toEur(headroom), s.rollingThreeYears().headroomEur());
        BigDecimal eurLines = s.bookings().stream().map(AidStatementView.Line::aidAmountEur).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal exact = s.yearTotal().amount().divide(POLICY.eurNokRate(), 10, java.math.RoundingMode.HALF_UP);
        BigDecimal tolerance = new BigDecimal("0.005").multiply(BigDecimal.valueOf(s.bookings().size() + 1L));
        assertTrue(eurLines.subtract(s.yearTotalEur()).abs().compareTo(tolerance) <= 0, () -> eurLines + " vs " + s.yearTotalEur());
        assertTrue(s.yearTotalEur().subtract(exact).abs().compareTo(new BigDecimal("0.005")) <= 0);
    }

    /** The oracle: grants listed and counted, by Oslo calendar year for a past year, by instant for the current one. */
    @Property(tries = 300)
    void theWindowCountsExactlyTheActiveGrantsItCovers(@ForAll("grants") List<AidGrant> grants,
                                                       @ForAll("nows") Instant now,
                                                       @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int yearsBack) {
        int current = now.atZone(Clocks.OSLO).getYear();
        int year = current - yearsBack;
        AidStatementView s = AidStatement.compose(BODY, ORG, "X", year, now, grants, POLICY);

        BigDecimal expectedWindow = BigDecimal.ZERO;
        BigDecimal expectedYear = BigDecimal.ZERO;
        for (AidGrant g : grants) {
            if (g.status() == BookingStatus.CANCELLED || g.status() == BookingStatus.REJECTED) {
                continue;
            }
            Instant t = g.grantedAt().toInstant();
            int osloYear = t.atZone(Clocks.OSLO).getYear();
            boolean inWindow = year == current
                    ? t.isAfter(now.atOffset(ZoneOffset.UTC).minusYears(3).toInstant()) && !t.isAfter(now)
                    : osloYear >= year - 2 && osloYear <= year;
            if (inWindow) {
                expectedWindow = expectedWindow.add(g.aidAmount());
                if (osloYear == year) {
                    expectedYear = expectedYear.add(g.aidAmount());
                }
            }
        }
        assertEquals(Money.nok(expectedWindow), s.rollingThreeYears().aidTotal());
        assertEquals(Money.nok(expectedYear), s.yearTotal());
    }
}
