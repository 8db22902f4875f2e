package no.katapult.booking;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The booking guarantee, read straight from the tables of the whole database: no two active bookings of
 * one facility hold overlapping targets for overlapping buffered periods, and no two active bookings claim
 * one item for overlapping buffered periods; the claim table agrees. The checks are booking-guarantee.sql,
 * which the e2e drills run too.
 */
public final class BookingGuarantee {

    /** What each check finds -> its query. */
    static final Map<String, String> CHECKS = checks(resource());

    private BookingGuarantee() {
    }

    /** Fails naming every offending pair or row. */
    public static void assertHolds(DataSource dataSource) throws SQLException {
        assertEquals(5, CHECKS.size(), "the checks of booking-guarantee.sql: " + CHECKS.keySet());
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, String> check : CHECKS.entrySet()) {
                assertEquals(List.of(), rows(c, check.getValue()), check.getKey());
            }
        }
    }

    /**
     * The checks of booking-guarantee.sql: blank-line-separated blocks, each a "-- what it finds" line and a query;
     * the file's leading comment block has no query.
     */
    static Map<String, String> checks(String sql) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (String block : sql.strip().split("\\n\\s*\\n")) {
            String[] lines = block.strip().split("\\n", 2);
            if (lines.length == 2 && lines[0].startsWith("-- ") && !lines[1].strip().startsWith("--")) {
                checks.put(lines[0].substring(3).strip(), lines[1].strip());
            }
        }
        return checks;
    }

    private static String resource() {
        try (InputStream in = BookingGuarantee.class.getResourceAsStream("booking-guarantee.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first column of each row the query answers. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
