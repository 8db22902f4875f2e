package no.katapult.registry.facility;

import no.katapult.common.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FacilityTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2027-10-31T02:30:00+01:00");

    @Test
    void closuresAreStoredInDateOrderAndPricesWithTwoDecimals() {
        List<Closure> closures = List.of(
                new Closure(LocalDate.parse("2027-12-24"), LocalDate.parse("2027-12-31"), " Juleferie "),
                new Closure(LocalDate.parse("2027-07-01"), LocalDate.parse("2027-07-31"), "Sommerferie"),
                new Closure(LocalDate.parse("2027-07-01"), LocalDate.parse("2027-07-02"), "Vedlikehold"));
        FacilityRequest in = new FacilityRequest(UUID.randomUUID(), " Lab ", FacilityType.LAB, null,
                List.of("Metal", "metal "), null, null, null, closures, new BookingRules(60, 480, 30, 24, 180, 15, false, 48),
                Money.nok("1250"), Money.nok("750.5"), true, true);
        Facility f = Facility.create(UUID.randomUUID(), in, Map.of(), NOW);
        assertEquals(List.of("Vedlikehold", "Sommerferie", "Juleferie"), f.closures.stream().map(Closure::reason).toList());
        assertEquals("Lab", f.name);
        assertEquals(List.of("metal"), f.capabilities);
        assertEquals(new BigDecimal("1250.00"), f.standardPrice);
        assertEquals(new BigDecimal("750.50"), f.smePrice);
        assertEquals(in.bookingRules(), f.bookingRules());
        // Without its own address a facility is where its centre is.
        assertNull(f.address());
        assertEquals(NOW, f.createdAt);
    }
}
