package no.katapult.booking.aid;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The de minimis arithmetic with the defaults: EUR 300,000 at 11.50 NOK/EUR is NOK 3,450,000. */
class AidPolicyTest {

    static final AidPolicy POLICY = new AidPolicy(new BigDecimal("300000"), new BigDecimal("11.50"));
    static final String ORG = "810000008";

    static BigDecimal nok(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void theCeilingIsConvertedAtTheConfiguredRate() {
        assertEquals(nok("3450000.00"), POLICY.ceilingNok());
        assertEquals(nok("300000.00"), POLICY.ceilingEur());
        assertEquals(nok("11.50"), POLICY.eurNokRate());
        assertEquals(nok("65217.39"), POLICY.toEur(nok("750000")));
        assertEquals(nok("234782.61"), POLICY.toEur(nok("2700000")));
    }

    @Test
    void headroomIsWhatIsLeftAndNeverNegative() {
        assertEquals(nok("750000.00"), POLICY.headroom(nok("2700000")));
        assertEquals(nok("0.00"), POLICY.headroom(nok("3450000")));
        assertEquals(BigDecimal.ZERO, POLICY.headroom(nok("9999999")));
    }

    @Test
    void aidUpToTheCeilingIsAllowedAndOneOreMoreIsNot() {
        assertDoesNotThrow(() -> POLICY.check(ORG, nok("2700000"), nok("750000")));
        ProblemException e = assertThrows(ProblemException.class, () -> POLICY.check(ORG, nok("2700000"), nok("750000.01")));
        assertEquals(422, e.status());
        assertEquals("aid-ceiling-exceeded", e.slug());
        assertEquals("deMinimisCeiling", e.extensions().get("rule"));
        assertEquals(Money.nok("750000.00"), e.extensions().get("headroom"));
        assertEquals(nok("65217.39"), e.extensions().get("headroomEur"));
        assertEquals(Money.nok("750000.01"), e.extensions().get("aidAmount"));
        assertEquals(Money.nok("2700000.00"), e.extensions().get("aidUsed"));
        assertEquals(Money.nok("3450000.00"), e.extensions().get("ceiling"));
    }

    @Test
    void aBookingWithoutAidIsAlwaysAllowed() {
        assertDoesNotThrow(() -> POLICY.check(ORG, nok("5000000"), BigDecimal.ZERO));
    }

    @Test
    void theWindowIsTheLastThreeYears() {
        assertEquals(OffsetDateTime.parse("2027-01-04T08:00:00Z"), POLICY.windowStart(Instant.parse("2030-01-04T08:00:00Z")));
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new AidPolicy(nok("300000"), BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new AidPolicy(nok("-1"), nok("11.50")));
    }

    /** Refused exactly when there is new aid and it takes the total over the ceiling. */
    @Property
    void checkRefusesExactlyWhatPassesTheCeiling(@ForAll @LongRange(min = 0, max = 500_000_000L) long usedOre,
                                                 @ForAll @LongRange(min = 0, max = 500_000_000L) long newOre) {
        BigDecimal used = BigDecimal.valueOf(usedOre, 2);
        BigDecimal aid = BigDecimal.valueOf(newOre, 2);
        boolean over = newOre > 0 && used.add(aid).compareTo(POLICY.ceilingNok()) > 0;
        boolean refused;
        try {
            POLICY.check(ORG, used, aid);
            refused = false;
        } catch (ProblemException e) {
            refused = true;
        }
        assertEquals(over, refused);
    }
}
