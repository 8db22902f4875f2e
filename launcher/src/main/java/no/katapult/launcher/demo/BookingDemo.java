package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * facility-booking demo data through its public API: bookings by sme-anna and sme-bjorn on working days of
 * the coming two weeks, inside opening hours (Mon–Fri 08:00–16:00 Europe/Oslo) and on the 30-minute grid,
 * and a REQUESTED one at Smart Innovation Norway's lab (which requires approval) for operator-halden to
 * approve. A booking whose purpose the user already has (and that is not cancelled or rejected) is skipped.
 */
final class BookingDemo {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    record Booking(String user, String resourceType, String resourceName, int workday, String from, String to,
                   String purpose, String expectedStatus) {
    }

    static final List<Booking> BOOKINGS = List.of(
            new Booking("sme-anna", "FACILITY", "Additiv tilvirkning-lab (demo)", 1, "09:00", "12:00",
                    "Printing av prototyp på motorbrakett (demo)", "CONFIRMED"),
            new Booking("sme-anna", "EQUIPMENT", "Metall-3D-printer (demo)", 4, "10:00", "14:00",
                    "Ny utskrift av brakett etter designendring (demo)", "CONFIRMED"),
            new Booking("sme-bjorn", "FACILITY", "Simuleringssenter (demo)", 2, "09:00", "11:00",
                    "Simulering av dekkskran i sjøgang (demo)", "CONFIRMED"),
            new Booking("sme-bjorn", "EQUIPMENT", "Undervannsdrone (demo)", 6, "10:00", "13:00",
                    "Inspeksjon av testmerd med ny sensorpakke (demo)", "CONFIRMED"),
            new Booking("sme-anna", "FACILITY", "Energilab for smarte nett (demo)", 3, "10:00", "12:00",
                    "Test av styring for varmepumper mot smarte nett (demo)", "REQUESTED"));

    private final Session session;

    BookingDemo(Session session) {
        this.session = session;
    }

    void load(Catalogue catalogue) {
        List<LocalDate> days = workdays(8);
        int created = 0;
        for (Booking b : BOOKINGS) {
            String resourceId = "FACILITY".equals(b.resourceType())
                    ? catalogue.facilityId(b.resourceName()) : catalogue.equipmentId(b.resourceName());
            if (exists(b, resourceId)) {
                continue;
            }
            LocalDate day = days.get(b.workday() - 1);
            String start = day.atTime(LocalTime.parse(b.from())).atZone(OSLO).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            String end = day.atTime(LocalTime.parse(b.to())).atZone(OSLO).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            ObjectNode body = Json.obj("resourceType", b.resourceType(), "resourceId", resourceId,
                    "start", start, "end", end, "purpose", b.purpose());
            JsonNode booking = session.post("/api/v1/bookings").as(b.user())
                    .idempotencyKey("demo-" + b.user() + "-" + resourceId + "-" + day).body(body).expect(201);
            String status = Json.text(booking, "status");
            if (!b.expectedStatus().equals(status)) {
                throw new DemoException("POST /api/v1/bookings for " + b.resourceName() + " gave status " + status
                        + ", expected " + b.expectedStatus() + ": " + booking);
            }
            session.log().step("booking for " + b.user() + ": " + b.resourceName() + " " + day + " " + b.from()
                    + "–" + b.to() + " (" + status + ")");
            created++;
        }
        session.log().done("bookings: " + created + " created, " + (BOOKINGS.size() - created) + " already there");
    }

    private boolean exists(Booking b, String resourceId) {
        JsonNode list = session.get("/api/v1/bookings").as(b.user()).query("resourceId", resourceId)
                .query("size", 100).expect(200);
        for (JsonNode item : list.path("items")) {
            String status = Json.text(item, "status");
            if (b.purpose().equals(Json.text(item, "purpose"))
                    && !"CANCELLED".equals(status) && !"REJECTED".equals(status)) {
                return true;
            }
        }
        return false;
    }

    /** The next working days, starting two days from now (past the 24-hour lead time), skipping closures. */
    static List<LocalDate> workdays(int count) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate d = LocalDate.now(OSLO).plusDays(2);
        while (days.size() < count) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                    && !RegistryDemo.inChristmasClosure(d)) {
                days.add(d);
            }
            d = d.plusDays(1);
        }
        return days;
    }
}
