package no.katapult.launcher.demo;

import no.katapult.client.OrgNumbers;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo data obeys the rules the services enforce, so loading it never hits a 400 or 422 of our own making. */
class DemoDataShapeTest {

    private static final Set<String> DEMO_ORG_NUMBERS = Set.of("910000012", "920000010", "930000019", "930000027",
            "930000035", "930000043", "930000051", "940000017", "990000018");

    @Test
    void onlyTheReservedDemoOrganisationNumbersAreUsed() {
        DEMO_ORG_NUMBERS.forEach(n -> assertTrue(OrgNumbers.valid(n), n + " passes MOD11"));
        RegistryDemo.ORGANISATIONS.forEach(o -> assertTrue(DEMO_ORG_NUMBERS.contains(o.orgNo()), o.orgNo()));
        RegistryDemo.CENTRES.stream().filter(c -> c.host() != null)
                .forEach(c -> assertTrue(DEMO_ORG_NUMBERS.contains(c.host().orgNo()), c.code()));
    }

    @Test
    void theFiveNationalCentresAndTheHaldenNode() {
        assertEquals(List.of("manufacturing-technology", "future-materials", "ocean-innovation", "sustainable-energy",
                "digicat", "smart-innovation-norway"), RegistryDemo.CENTRES.stream().map(RegistryDemo.Centre::code).toList());
        assertEquals(1, RegistryDemo.CENTRES.stream().filter(c -> c.kind().equals("NODE")).count());
        for (RegistryDemo.Centre c : RegistryDemo.CENTRES) {
            long facilities = RegistryDemo.FACILITIES.stream().filter(f -> f.centre().equals(c.code())).count();
            assertTrue(facilities >= 2, c.code() + " has " + facilities + " facilities");
        }
        assertTrue(RegistryDemo.FACILITIES.stream().anyMatch(f -> f.centre().equals("smart-innovation-norway")
                && f.requiresApproval()));
    }

    @Test
    void everythingInventedIsMarkedAsDemo() {
        RegistryDemo.FACILITIES.forEach(f -> {
            assertTrue(f.name().contains("(demo)"), f.name());
            f.equipment().forEach(e -> assertTrue(e.name().contains("(demo)"), e.name()));
        });
        RegistryDemo.CENTRES.forEach(c -> assertTrue(c.description().startsWith("(demo)"), c.code()));
        BookingDemo.BOOKINGS.forEach(b -> assertTrue(b.purpose().contains("(demo)"), b.purpose()));
    }

    @Test
    void pricesAreSaneAndPaired() {
        RegistryDemo.FACILITIES.forEach(f -> {
            assertTrue(Double.parseDouble(f.smePrice()) <= Double.parseDouble(f.standardPrice()), f.name());
            f.equipment().forEach(e -> {
                assertEquals(e.standardPrice() == null, e.smePrice() == null, e.name());
                if (e.standardPrice() != null) {
                    assertTrue(Double.parseDouble(e.smePrice()) <= Double.parseDouble(e.standardPrice()), e.name());
                }
            });
        });
    }

    @Test
    void bookingsFitOpeningHoursGridDurationsAndLeadTime() {
        List<LocalDate> days = BookingDemo.workdays(8);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        days.forEach(d -> {
            assertTrue(d.isAfter(today.plusDays(1)), "past the 24-hour lead time: " + d);
            assertFalse(d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY, d.toString());
            assertFalse(RegistryDemo.inChristmasClosure(d), d.toString());
        });
        for (BookingDemo.Booking b : BookingDemo.BOOKINGS) {
            RegistryDemo.Facility f = facilityOf(b);
            LocalTime from = LocalTime.parse(b.from());
            LocalTime to = LocalTime.parse(b.to());
            long minutes = Duration.between(from, to).toMinutes();
            // The 15-minute buffer must also stay inside opening hours.
            assertFalse(from.minusMinutes(15).isBefore(LocalTime.parse(f.opens())), b.purpose());
            assertFalse(to.plusMinutes(15).isAfter(LocalTime.parse(f.closes())), b.purpose());
            assertEquals(0, minutes % 30, b.purpose());
            assertEquals(0, from.getMinute() % 30, b.purpose());
            assertTrue(minutes >= 60 && minutes <= f.maxDurationMinutes(), b.purpose());
            assertEquals(f.requiresApproval() ? "REQUESTED" : "CONFIRMED", b.expectedStatus(), b.purpose());
            assertTrue(b.workday() >= 1 && b.workday() <= days.size(), b.purpose());
        }
    }

    @Test
    void theMod11CheckKnowsAnInvalidNumber() {
        assertTrue(OrgNumbers.valid("123456785"));
        assertFalse(OrgNumbers.valid("123456789"));
    }

    private static RegistryDemo.Facility facilityOf(BookingDemo.Booking b) {
        return RegistryDemo.FACILITIES.stream()
                .filter(f -> f.name().equals(b.resourceName())
                        || f.equipment().stream().anyMatch(e -> e.name().equals(b.resourceName())))
                .findFirst().orElseThrow(() -> new AssertionError("no demo resource " + b.resourceName()));
    }
}
