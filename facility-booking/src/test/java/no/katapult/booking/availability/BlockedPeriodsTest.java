package no.katapult.booking.availability;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.booking.Concurrent;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.StartGate;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import static no.katapult.booking.Api.book;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Availability keeps blocked periods in memory and checks the calendar's version in the database on every read:
 * an unchanged calendar is answered from memory, and any committed change of a booking, through this service or
 * past it (another replica, SQL), is in the very next answer.
 */
@QuarkusTest
class BlockedPeriodsTest extends AtMondayMorning {

    static final String DAY = "2027-02-01";
    static final String FROM = DAY + "T00:00:00+01:00";
    static final String TO = "2027-02-02T00:00:00+01:00";

    @Inject
    MeterRegistry meters;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/api/v1/bookings")
    URI bookings;

    @TestHTTPResource("/api/v1/availability")
    URI availabilityUri;

    @Test
    void anUnchangedCalendarIsAnsweredFromMemory() {
        UUID facility = RegistryStub.facility().centre("digicat").register();
        String first = Api.availability("FACILITY", facility, FROM, TO).then().statusCode(200).extract().asString();
        double read = chunks("database");
        double kept = chunks("memory");

        String second = Api.availability("FACILITY", facility, FROM, TO).then().statusCode(200).extract().asString();

        assertEquals(first, second);
        assertEquals(read, chunks("database"), "an unchanged calendar was read from the database again");
        assertTrue(chunks("memory") > kept, "the second answer did not come from memory");
    }

    @Test
    void aBookingAndItsCancellationAreInTheNextAnswer() {
        String token = TestTokens.sme("sme-cache", TestOrgNumbers.fresh());
        UUID facility = RegistryStub.facility().centre("digicat").register();
        assertFree(facility, "00-24");

        String id = book(token, "FACILITY", facility, DAY + "T10:00:00+01:00", DAY + "T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        assertFree(facility, "00-10", "12-24");

        Api.cancel(token, id, "Planene endret seg").then().statusCode(200);
        assertFree(facility, "00-24");
    }

    @Test
    void aBookingWrittenPastThisServiceIsInTheNextAnswer() throws Exception {
        UUID facility = RegistryStub.facility().centre("digicat").register();
        assertFree(facility, "00-24");

        // As another replica, or an operator with SQL, would write it: this service's memory never hears of it.
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO booking (id, resource_type, resource_id, resource_name, facility_id, facility_name,
                  centre_code, location, org_no, booked_by, start_at, end_at, purpose, status, buffer_minutes,
                  free_cancellation_notice_hours, price_basis, hourly_price, total_price, standard_total, aid_amount,
                  currency, version, created_at, updated_at)
                VALUES (gen_random_uuid(), 'FACILITY', ?, 'Test lab', ?, 'Test lab', 'digicat', 'Ålesund', ?,
                  'other-replica', ?, ?, 'Prototype test', 'CONFIRMED', 0, 0, 'SME', 400.00, 800.00, 2000.00,
                  1200.00, 'NOK', 0, now(), now())""")) {
            insert.setObject(1, facility);
            insert.setObject(2, facility);
            insert.setString(3, TestOrgNumbers.fresh());
            insert.setObject(4, OffsetDateTime.parse(DAY + "T14:00:00+01:00"));
            insert.setObject(5, OffsetDateTime.parse(DAY + "T16:00:00+01:00"));
            assertEquals(1, insert.executeUpdate());
        }

        assertFree(facility, "00-14", "16-24");
    }

    /**
     * Readers race bookers. A reader that kept periods under a version older than what they show, or newer
     * periods under an older version, would be caught by the last read: every booked hour must be missing.
     */
    @Test
    void readersRacingBookersNeverKeepAStaleCalendar() throws Exception {
        UUID facility = RegistryStub.facility().centre("digicat").register();
        List<Concurrent.Call> calls = new ArrayList<>();
        for (int hour = 0; hour < 24; hour += 2) {
            String token = TestTokens.sme("sme-race-" + hour, TestOrgNumbers.fresh());
            calls.add(new Concurrent.Call(token, Api.body("FACILITY", facility,
                    String.format("%sT%02d:00:00+01:00", DAY, hour), String.format("%sT%02d:00:00+01:00", DAY, hour + 1))));
        }
        URI availability = URI.create(availabilityUri + "?resourceType=FACILITY&resourceId=" + facility
                + "&from=" + FROM.replace("+", "%2B") + "&to=" + TO.replace("+", "%2B"));
        AtomicBoolean booking = new AtomicBoolean(true);
        List<Callable<Integer>> work = new ArrayList<>();
        work.add(() -> {
            try {
                return (int) Concurrent.post(bookings, calls).stream().filter(a -> a.status() == 201).count();
            } finally {
                booking.set(false);
            }
        });
        for (int r = 0; r < 3; r++) {
            work.add(() -> {
                HttpClient client = HttpClient.newHttpClient();
                int reads = 0;
                while (booking.get()) {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(availability).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, answer.statusCode(), answer.body());
                    reads++;
                }
                return reads;
            });
        }
        List<Integer> results = StartGate.runAtOnce(work);

        assertEquals(12, results.get(0), "every other hour is free to book once");
        assertTrue(results.subList(1, 4).stream().mapToInt(Integer::intValue).sum() > 0, "no read raced the bookers");
        List<String> expected = new ArrayList<>();
        for (int hour = 1; hour < 24; hour += 2) {
            expected.add(String.format("%02d-%02d", hour, hour + 1));
        }
        assertFree(facility, expected.toArray(String[]::new));
    }

    private double chunks(String source) {
        return meters.counter("booking.availability.chunks", "source", source).count();
    }

    /** The free hours of the test day, "HH-HH" each; every interval must start and end on the hour. */
    private void assertFree(UUID facility, String... hours) {
        List<String> free = new ArrayList<>();
        for (String interval : free(facility)) {
            assertTrue(interval.matches("\\d\\d:00-\\d\\d:00"), interval);
            free.add(interval.substring(0, 2) + "-" + interval.substring(6, 8));
        }
        assertEquals(List.of(hours), free);
    }

    /** The free intervals of the test day, "HH:MM-HH:MM" each, the day's end as 24:00. */
    private List<String> free(UUID facility) {
        Response r = Api.availability("FACILITY", facility, FROM, TO);
        r.then().statusCode(200);
        List<String> starts = r.jsonPath().getList("intervals.start");
        List<String> ends = r.jsonPath().getList("intervals.end");
        List<String> free = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            String end = ends.get(i).startsWith(DAY) ? ends.get(i).substring(11, 16) : "24:00";
            free.add(starts.get(i).substring(11, 16) + "-" + end);
        }
        return free;
    }
}
