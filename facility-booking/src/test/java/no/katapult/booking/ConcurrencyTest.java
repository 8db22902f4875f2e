package no.katapult.booking;

import no.katapult.common.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.booking.Concurrent.Answer;
import no.katapult.booking.Concurrent.Call;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The double-booking races that LibreBooking and cal.com lost: 50 real concurrent requests, each from
 * its own organisation so nothing but the database constraint stands between them.
 */
@QuarkusTest
class ConcurrencyTest extends AtMondayMorning {

    static final int REQUESTS = 50;

    @TestHTTPResource("/api/v1/bookings")
    URI bookings;

    @Inject
    AgroalDataSource dataSource;

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

    /**
     * The deadlock itself, made to happen. Another transaction holds an uncommitted booking that the
     * request overlaps, so the request's insert waits for it; then that transaction inserts a second
     * booking, which overlaps the request's own uncommitted row. PostgreSQL breaks the cycle by aborting
     * the request's transaction (40P01: it has waited longest). Its retry meets the other bookings, now
     * committed, and the answer is the conflict, not an error.
     */
    @Test
    void theVictimOfADeadlockGetsTheBookingConflict() throws Exception {
        UUID facility = RegistryStub.facility().register();
        String token = TestTokens.sme("sme-deadlock", TestOrgNumbers.fresh());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            insert(other, facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00");
            Future<Response> request = pool.submit(() -> Api.book(token, "FACILITY", facility,
                    "2027-01-11T11:00:00+01:00", "2027-01-11T13:00:00+01:00"));
            awaitABookingInsertWaitingForALock();
            // Blocks until PostgreSQL aborts the request's transaction.
            insert(other, facility, "2027-01-11T12:30:00+01:00", "2027-01-11T14:00:00+01:00");
            other.commit();
            assertProblem(request.get(60, TimeUnit.SECONDS), 409, "booking-conflict")
                    .then().body("conflictingPeriod.start", equalTo("2027-01-11T10:00:00+01:00"));
        } finally {
            pool.shutdownNow();
        }
        assertNoOverlap(facility, 2);
    }

    /** A booking written straight to the table, as another instance of the service would. */
    private static void insert(Connection c, UUID facility, String start, String end) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO booking (id, resource_type, resource_id, "
                + "resource_name, facility_id, facility_name, centre_code, org_no, booked_by, start_at, end_at, purpose, "
                + "status, buffer_minutes, free_cancellation_notice_hours, price_basis, hourly_price, total_price, "
                + "standard_total, aid_amount, created_at, updated_at) VALUES (?, 'FACILITY', ?, 'Test lab', ?, "
                + "'Test lab', 'digicat', ?, 'other-instance', ?, ?, 'Held by another transaction', 'CONFIRMED', 0, 0, "
                + "'STANDARD', 0, 0, 0, 0, now(), now())")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, facility);
            s.setObject(3, facility);
            s.setString(4, TestOrgNumbers.fresh());
            s.setObject(5, OffsetDateTime.parse(start));
            s.setObject(6, OffsetDateTime.parse(end));
            s.executeUpdate();
        }
    }

    private void awaitABookingInsertWaitingForALock() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT count(*) "
                + "FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into booking%'")) {
            for (int i = 0; i < 300; i++) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the request never waited for the other transaction's booking");
    }

    private static String token(int i) {
        return TestTokens.user("racer-" + i, "sme").orgNo(TestOrgNumbers.fresh()).sign();
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
            assertEquals(expectedActive, Sql.single(c, Long.class, "SELECT count(*) FROM booking WHERE facility_id = ? "
                    + "AND status IN ('REQUESTED', 'CONFIRMED')", facility).intValue());
            assertEquals(0, Sql.single(c, Long.class, "SELECT count(*) FROM booking a JOIN booking b "
                    + "ON a.id < b.id AND a.facility_id = b.facility_id "
                    + "WHERE a.facility_id = ? AND a.status IN ('REQUESTED', 'CONFIRMED') "
                    + "AND b.status IN ('REQUESTED', 'CONFIRMED') "
                    + "AND (a.resource_type = 'FACILITY' OR b.resource_type = 'FACILITY' OR a.resource_id = b.resource_id) "
                    + "AND tstzrange(a.start_at, a.end_at) && tstzrange(b.start_at, b.end_at)", facility).intValue(),
                    "overlapping active bookings in the database");
        }
    }
}
