package no.katapult.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./catapult restart postgres: the embedded server stops and starts again in-process, on the same port and data. */
class DatabaseRestartTest {

    @Test
    void theEmbeddedServerRestartsOnTheSamePortWithItsDataAndPidFile(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Settings settings = Settings.from(Map.of("CATAPULT_DATA_DIR", dir.toString(),
                "CATAPULT_PG_PORT", String.valueOf(port)), dir);
        PidFiles pids = new PidFiles(settings.runDir());
        Database database = new Database(settings);
        try {
            database.start(pids);
            ProcessHandle first = database.postmaster().orElseThrow();
            assertEquals(List.of(first), pids.alive(Database.NAME));
            String url = settings.jdbcUrl("catapult_registry");
            execute(url, "CREATE TABLE drill (id int PRIMARY KEY)", "INSERT INTO drill VALUES (1), (2), (3)");

            database.stopEmbedded(pids);

            assertFalse(Files.exists(Database.dataDirectory(settings).resolve("postmaster.pid")), "shut down");
            // No child of ours: PID 1 reaps it, which may take a moment in a container.
            first.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(database.running());
            assertTrue(pids.alive(Database.NAME).isEmpty());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "postgres").close());

            database.startAgain(pids);

            ProcessHandle second = database.postmaster().orElseThrow();
            assertNotEquals(first.pid(), second.pid());
            assertEquals(List.of(second), pids.alive(Database.NAME), "the same pid file names the new postmaster");
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM drill")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1), "committed rows survive the restart");
            }
            assertThrows(LauncherException.class, () -> database.startAgain(pids), "already running");
        } finally {
            database.close();
        }
        assertTrue(Database.postmaster(Database.dataDirectory(settings)).isEmpty(), "nothing left running");
    }

    private static void execute(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
