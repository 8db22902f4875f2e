package no.katapult.booking;

import no.katapult.common.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static no.katapult.booking.BookingGuarantee.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * V2 on a database that V1 already holds bookings in: item bookings get their claims, facility bookings none
 * (what they held was never recorded), and an item that the hole of issue 11 let be booked twice keeps both
 * bookings, the later one's claim inactive, instead of failing the migration. Plain JDBC on a database of
 * its own in the embedded PostgreSQL; no Quarkus.
 */
class ClaimsMigrationTest {

    static final UUID OLD_FACILITY = UUID.randomUUID();
    static final UUID NEW_FACILITY = UUID.randomUUID();
    static final UUID ITEM = UUID.randomUUID();
    static final UUID FIRST = UUID.randomUUID();
    static final UUID DOUBLE = UUID.randomUUID();
    static final UUID CANCELLED = UUID.randomUUID();
    static final UUID WHOLE = UUID.randomUUID();

    static String url;

    @BeforeAll
    static void bookingsMadeBeforeV2() throws SQLException {
        url = EmbeddedPostgresResource.jdbcUrl("booking_migration_" + UUID.randomUUID().toString().substring(0, 8));
        try (Connection c = connect()) {
            migrate(c, "V1__bookings.sql");
            // The same item, booked in its old facility and again, for the same hour, after it moved.
            insert(c, FIRST, "EQUIPMENT", ITEM, OLD_FACILITY, "CONFIRMED", "2027-01-11T10:00:00+01:00", "2027-01-01T10:00:00Z");
            insert(c, DOUBLE, "EQUIPMENT", ITEM, NEW_FACILITY, "CONFIRMED", "2027-01-11T10:00:00+01:00", "2027-01-02T10:00:00Z");
            insert(c, CANCELLED, "EQUIPMENT", ITEM, NEW_FACILITY, "CANCELLED", "2027-01-12T10:00:00+01:00", "2027-01-03T10:00:00Z");
            insert(c, WHOLE, "FACILITY", OLD_FACILITY, OLD_FACILITY, "CONFIRMED", "2027-01-13T10:00:00+01:00", "2027-01-04T10:00:00Z");
            migrate(c, "V2__booking_item_claims.sql");
        }
    }

    @Test
    void itemBookingsClaimTheirItemAndTheEarlierOfADoubleBookingKeepsIt() throws SQLException {
        try (Connection c = connect()) {
            assertEquals(List.of(FIRST + " " + ITEM + " true", DOUBLE + " " + ITEM + " false", CANCELLED + " " + ITEM + " false"),
                    rows(c, "SELECT booking_id || ' ' || item_id || ' ' || active FROM booking_item_claim "
                            + "WHERE booking_id IN ('" + FIRST + "', '" + DOUBLE + "', '" + CANCELLED + "') "
                            + "ORDER BY (SELECT created_at FROM booking WHERE id = booking_id)"));
            assertEquals(List.of("{}"), rows(c, "SELECT claimed_items::text FROM booking WHERE id = '" + WHOLE + "'"));
            assertEquals(List.of("CONFIRMED", "CONFIRMED"), rows(c, "SELECT status FROM booking WHERE id IN ('" + FIRST
                    + "', '" + DOUBLE + "')"), "both bookings of the double booking stay for an operator to resolve");
        }
    }

    @Test
    void afterV2TheItemCannotBeClaimedTwiceWhereverItIs() throws SQLException {
        UUID elsewhere = UUID.randomUUID();
        try (Connection c = connect()) {
            SQLException refused = assertThrows(SQLException.class, () -> insert(c, UUID.randomUUID(), "EQUIPMENT", ITEM,
                    elsewhere, "REQUESTED", "2027-01-11T10:30:00+01:00", "2027-01-05T10:00:00Z"));
            assertEquals("23P01", refused.getSQLState());
            // Its cancelled booking's day is free again.
            insert(c, UUID.randomUUID(), "EQUIPMENT", ITEM, elsewhere, "CONFIRMED", "2027-01-12T10:00:00+01:00",
                    "2027-01-05T10:00:00Z");
            assertEquals(1, rows(c, "SELECT 1 FROM booking_item_claim WHERE item_id = '" + ITEM + "' AND active "
                    + "AND period @> timestamptz '2027-01-12T10:30:00+01:00'").size());
        }
    }

    /** Runs one of the service's migrations as Flyway would, in one transaction. */
    private static void migrate(Connection c, String script) throws SQLException {
        try (InputStream in = ClaimsMigrationTest.class.getResourceAsStream("/db/migration/" + script);
             Statement s = c.createStatement()) {
            s.execute("BEGIN;\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\nCOMMIT;");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    /** A two-hour booking from {@code start}, as V1's columns hold it. */
    private static void insert(Connection c, UUID id, String type, UUID resource, UUID facility, String status,
                               String start, String createdAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO booking (id, resource_type, resource_id, "
                + "resource_name, facility_id, facility_name, centre_code, org_no, booked_by, start_at, end_at, purpose, "
                + "status, buffer_minutes, free_cancellation_notice_hours, price_basis, hourly_price, total_price, "
                + "standard_total, aid_amount, created_at, updated_at) VALUES (?, ?, ?, 'Laserkutter', ?, 'Lab', 'digicat', "
                + "'910000012', 'sme-anna', CAST(? AS timestamptz), CAST(? AS timestamptz) + interval '2 hours', 'Test', ?, "
                + "0, 0, 'STANDARD', 0, 0, 0, 0, CAST(? AS timestamptz), CAST(? AS timestamptz))")) {
            s.setObject(1, id);
            s.setString(2, type);
            s.setObject(3, resource);
            s.setObject(4, facility);
            s.setString(5, start);
            s.setString(6, start);
            s.setString(7, status);
            s.setString(8, createdAt);
            s.setString(9, createdAt);
            s.executeUpdate();
        }
    }
}
