package no.katapult.common.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what the database holds, for tests and drills that check it behind the API. Parameters are bound in order. */
public final class Sql {

    private Sql() {
    }

    /** The first column of every row, as {@code type}. */
    public static <T> List<T> column(Connection c, Class<T> type, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getObject(1, type));
                }
            }
            return values;
        }
    }

    /** The first column of the only row, as {@code type}: a count, or one field of one row. */
    public static <T> T single(Connection c, Class<T> type, String sql, Object... params) throws SQLException {
        List<T> values = column(c, type, sql, params);
        if (values.size() != 1) {
            throw new AssertionError(values.size() + " rows, not one, for " + sql);
        }
        return values.get(0);
    }
}
