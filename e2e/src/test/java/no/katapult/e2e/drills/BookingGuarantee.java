package no.katapult.e2e.drills;

import no.katapult.e2e.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The booking guarantee over catapult_booking, by JDBC: the checks of facility-booking's
 * {@code booking-guarantee.sql}, read from the repository (e2e cannot depend on facility-booking's test-jar: each
 * e2e step builds its dependencies, which would rebuild the service the running stack executes).
 */
public final class BookingGuarantee {

    static final Path CHECKS = Path.of(Suite.setting("repo.root", "E2E_REPO_ROOT", ".."))
            .resolve("facility-booking/src/test/resources/no/katapult/booking/booking-guarantee.sql");

    private BookingGuarantee() {
    }

    /** Fails naming every offending pair; prints what it checked, as the other drills do. */
    public static void assertHolds(String drill) throws SQLException {
        String sql;
        try {
            sql = Files.readString(CHECKS);
        } catch (IOException e) {
            throw new UncheckedIOException("the guarantee's checks at " + CHECKS.toAbsolutePath(), e);
        }
        int checks = 0;
        try (Connection c = Drills.jdbc("catapult_booking")) {
            // The same blocks as facility-booking's BookingGuarantee.checks: "-- what it finds", then the query.
            for (String block : sql.strip().split("\\n\\s*\\n")) {
                String[] lines = block.strip().split("\\n", 2);
                if (lines.length == 2 && lines[0].startsWith("-- ") && !lines[1].strip().startsWith("--")) {
                    assertEquals(List.of(), rows(c, lines[1].strip()), lines[0].substring(3).strip());
                    checks++;
                }
            }
            assertEquals(5, checks, "the checks of " + CHECKS);
            int active = Integer.parseInt(rows(c, "SELECT count(*) FROM booking WHERE status IN ('REQUESTED', 'CONFIRMED')").get(0));
            int claims = Integer.parseInt(rows(c, "SELECT count(*) FROM booking_item_claim WHERE active").get(0));
            System.out.printf("[drill %s] database: %d active bookings, %d active item claims; no two overlap for "
                    + "any facility or any item%n", drill, active, claims);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
