package no.katapult.booking.rules;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.katapult.common.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prices fixed at booking time, and the state aid they carry. */
class PriceSnapshotTest {

    static BookableResource priced(String standard, String sme) {
        Facility f = Facilities.openAlways();
        return new BookableResource(ResourceType.FACILITY, f.id(), f.name(), f, "digicat",
                standard == null ? null : Money.nok(standard), sme == null ? null : Money.nok(sme), true, true);
    }

    static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(new BigDecimal(expected), actual);
    }

    @ParameterizedTest
    @EnumSource(value = SmeClass.class, names = {"MICRO", "SMALL", "MEDIUM"})
    void smallAndMediumEnterprisesPayTheSmePriceAndTheDifferenceIsAid(SmeClass smeClass) {
        PriceSnapshot p = PriceSnapshot.of(priced("1000.00", "400.00"), smeClass, Duration.ofHours(3));
        assertEquals(PriceBasis.SME, p.basis());
        assertAmount("400.00", p.hourly());
        assertAmount("1200.00", p.total());
        assertAmount("3000.00", p.standardTotal());
        assertAmount("1800.00", p.aidAmount());
    }

    @Test
    void largeEnterprisesPayTheStandardPriceWithoutAid() {
        PriceSnapshot p = PriceSnapshot.of(priced("1000.00", "400.00"), SmeClass.LARGE, Duration.ofHours(2));
        assertEquals(PriceBasis.STANDARD, p.basis());
        assertAmount("1000.00", p.hourly());
        assertAmount("2000.00", p.total());
        assertAmount("0.00", p.aidAmount());
    }

    @Test
    void anSmePriceAboveTheStandardOneIsNeverCharged() {
        PriceSnapshot p = PriceSnapshot.of(priced("500.00", "800.00"), SmeClass.SMALL, Duration.ofHours(1));
        assertAmount("500.00", p.total());
        assertAmount("0.00", p.aidAmount());
    }

    @Test
    void missingPricesFallBack() {
        assertAmount("1000.00", PriceSnapshot.of(priced("1000.00", null), SmeClass.MICRO, Duration.ofHours(1)).total());
        PriceSnapshot free = PriceSnapshot.of(priced(null, null), SmeClass.MICRO, Duration.ofHours(1));
        assertAmount("0.00", free.total());
        assertAmount("0.00", free.aidAmount());
    }

    @Test
    void partHoursArePricedPerMinuteAndRoundedToOre() {
        assertAmount("600.00", PriceSnapshot.of(priced("1000.00", "400.00"), SmeClass.SMALL, Duration.ofMinutes(90)).total());
        PriceSnapshot minute = PriceSnapshot.of(priced("1000.00", "400.00"), SmeClass.SMALL, Duration.ofMinutes(1));
        assertAmount("6.67", minute.total());
        assertAmount("16.67", minute.standardTotal());
        assertAmount("10.00", minute.aidAmount());
    }

    /** The aid is what the SME does not pay: standard total minus total, never negative. */
    @Property
    void aidIsTheStandardTotalMinusTheTotal(@ForAll @IntRange(min = 0, max = 2_000_000) int standardOre,
                                            @ForAll @IntRange(min = 0, max = 2_000_000) int smeOre,
                                            @ForAll @IntRange(min = 1, max = 1500) int minutes) {
        BookableResource r = priced(BigDecimal.valueOf(standardOre, 2).toPlainString(),
                BigDecimal.valueOf(smeOre, 2).toPlainString());
        PriceSnapshot p = PriceSnapshot.of(r, SmeClass.SMALL, Duration.ofMinutes(minutes));
        assertEquals(p.standardTotal().subtract(p.total()).max(BigDecimal.ZERO), p.aidAmount());
        assertTrue(p.total().compareTo(p.standardTotal()) <= 0);
        assertEquals(2, p.total().scale());
    }
}
