package no.katapult.booking;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.katapult.booking.support.Api;
import no.katapult.booking.support.Concurrent;
import no.katapult.booking.support.Concurrent.Answer;
import no.katapult.booking.support.Concurrent.Call;
import no.katapult.booking.support.Orgs;
import no.katapult.booking.support.RegistryStub;
import no.katapult.booking.support.TestClock;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The double-booking races that LibreBooking and cal.com lost: 50 real concurrent requests, each from
 * its own organisation so nothing but the database constraint stands between them.
 */
@QuarkusTest
class ConcurrencyTest {

    static final int REQUESTS = 50;

    @TestHTTPResource("/api/v1/bookings")
    URI bookings;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void now() {
        TestClock.set("2027-01-04T08:00:00Z");
    }

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    @Test
    void fiftyRequestsForTheSameSlotGiveOneBooking() throws Exception {
        UUID facility = RegistryStub.facility().rule("bufferMinutes", 15).register();
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            calls.add(new Call(token(i), Api.body("FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T13:00:00+01:00")));
        }
        assertExactlyOneWins(Concurrent.post(bookings, calls));
        assertNoOverlap(facility, 1);
    }

    @Test
    void fiftyRequestsForOverlappingSlotsGiveOneBooking() throws Exception {
        UUID facility = RegistryStub.facility().register();
        List<Call> calls = new ArrayList<>();
        // [10,13), [11,14) and [12,15) overlap pairwise, so at most one of them can hold.
        for (int i = 0; i < REQUESTS; i++) {
            int h = 10 + i % 3;
            calls.add(new Call(token(i), Api.body("FACILITY", facility, "2027-01-11T" + h + ":00:00+01:00",
                    "2027-01-11T" + (h + 3) + ":00:00+01:00")));
        }
        assertExactlyOneWins(Concurrent.post(bookings, calls));
        assertNoOverlap(facility, 1);
    }

    @Test
    void facilityBookingsRacingEquipmentBookingsGiveOneBooking() throws Exception {
        UUID facility = RegistryStub.facility().register();
        UUID printer = RegistryStub.equipment(facility, "3D-printer", true);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String body = i % 2 == 0
                    ? Api.body("FACILITY", facility, "2027-01-12T10:00:00+01:00", "2027-01-12T12:00:00+01:00")
                    : Api.body("EQUIPMENT", printer, "2027-01-12T11:00:00+01:00", "2027-01-12T13:00:00+01:00");
            calls.add(new Call(token(i), body));
        }
        assertExactlyOneWins(Concurrent.post(bookings, calls));
        assertNoOverlap(facility, 1);
    }

    private static String token(int i) {
        return TestTokens.user("racer-" + i, "sme").orgNo(Orgs.fresh()).sign();
    }

    private static void assertExactlyOneWins(List<Answer> answers) {
        long created = answers.stream().filter(a -> a.status() == 201).count();
        long conflicts = answers.stream().filter(a -> a.status() == 409 && a.body().contains("booking-conflict")).count();
        assertEquals(1, created, () -> "exactly one 201; got " + summary(answers));
        assertEquals(REQUESTS - 1, conflicts, () -> "all others 409 booking-conflict; got " + summary(answers));
    }

    private static String summary(List<Answer> answers) {
        StringBuilder sb = new StringBuilder();
        answers.stream().filter(a -> a.status() != 409).forEach(a -> sb.append(a.status()).append(' ').append(a.body()).append('\n'));
        return answers.stream().map(Answer::status).toList() + "\n" + sb;
    }

    /** Straight from the table: the active bookings of the facility, and no pair of them that collides. */
    private void assertNoOverlap(UUID facility, int expectedActive) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM booking WHERE facility_id = ? "
                    + "AND status IN ('REQUESTED', 'CONFIRMED')")) {
                s.setObject(1, facility);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(expectedActive, rs.getInt(1));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM booking a JOIN booking b "
                    + "ON a.id < b.id AND a.facility_id = b.facility_id "
                    + "WHERE a.facility_id = ? AND a.status IN ('REQUESTED', 'CONFIRMED') "
                    + "AND b.status IN ('REQUESTED', 'CONFIRMED') "
                    + "AND (a.resource_type = 'FACILITY' OR b.resource_type = 'FACILITY' OR a.resource_id = b.resource_id) "
                    + "AND tstzrange(a.start_at, a.end_at) && tstzrange(b.start_at, b.end_at)")) {
                s.setObject(1, facility);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getInt(1), "overlapping active bookings in the database");
                }
            }
        }
    }
}
