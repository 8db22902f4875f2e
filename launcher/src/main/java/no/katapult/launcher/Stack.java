package no.katapult.launcher;

import no.katapult.launcher.demo.DemoData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The local stack: PostgreSQL, Keycloak and the four services. Starts them in parallel where it can,
 * waits until each is ready, and stops all of them (with their descendants) on Ctrl-C, SIGTERM or failure.
 */
public final class Stack {

    public static final String LAUNCHER = "launcher";
    private static final String BUILD = "build";
    /** up() returns this when the JVM is already shutting down (Ctrl-C, SIGTERM): do not call System.exit. */
    public static final int SHUTTING_DOWN = -1;
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    public enum DemoMode { DEFAULT, ON, OFF }

    private final Settings settings;
    private final PidFiles pids;
    private final Database database;
    private final Keycloak keycloak;
    private final Object lock = new Object();
    private final List<Child> children = new ArrayList<>();
    private CompletableFuture<Child> keycloakStart;
    private boolean owner;
    private boolean stopping;
    private boolean stopped;

    public Stack(Settings settings) {
        this.settings = settings;
        this.pids = new PidFiles(settings.runDir());
        this.database = new Database(settings);
        this.keycloak = new Keycloak(settings);
    }

    /** Starts everything and blocks until the stack stops; returns the exit code. */
    public int up(DemoMode demoMode, boolean build) {
        long t0 = System.nanoTime();
        refuseIfRunning(pids, settings);
        cleanUpStale(settings, pids, keycloak);
        if (!build) {
            requireJars();
        }
        Ports.requireFree(wantedPorts());
        pids.write(LAUNCHER, List.of(ProcessHandle.current()));
        synchronized (lock) {
            owner = true;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "catapult-shutdown"));

        keycloakStart = settings.localKeycloak()
                ? CompletableFuture.supplyAsync(() -> {
                    keycloak.prepare();
                    return register(keycloak.start());
                })
                : CompletableFuture.completedFuture(null);

        // The build of the services runs while PostgreSQL and Keycloak start: Maven leaves a core idle most of the time.
        Child maven = build ? register(build()) : null;
        database.start(pids);
        if (maven != null) {
            awaitBuild(maven, t0);
        }
        if (settings.localKeycloak() && !Probe.ok(settings.discoveryUrl())) {
            Console.info("the services start while Keycloak boots: their warnings \"OIDC server is not available\" "
                    + "are expected; they connect on the first request");
        }
        Map<Service, Child> services = new LinkedHashMap<>();
        for (Service s : Service.ALL) {
            services.put(s, startService(s));
        }

        Readiness readiness = new Readiness(t0);
        services.forEach((s, child) -> readiness.service(s.name(), child, s.readyUrl(settings), settings.serviceTimeout()));
        readiness.keycloak(keycloakStart, settings.discoveryUrl(), settings.keycloakTimeout(), settings.localKeycloak());
        readiness.await();
        Console.info("all parts ready " + seconds(t0) + " s after start");

        boolean loadDemo = switch (demoMode) {
            case ON -> true;
            case OFF -> false;
            case DEFAULT -> settings.embeddedDatabase() && !demoMarker().toFile().exists();
        };
        String demoSummary = "not loaded (use --demo to load it)";
        if (loadDemo) {
            boolean complete = new DemoData(settings).load();
            demoSummary = complete ? "loaded" : "INCOMPLETE: see the errors above";
            if (complete && settings.embeddedDatabase()) {
                writeDemoMarker();
            }
        } else if (settings.embeddedDatabase() && demoMarker().toFile().exists()) {
            demoSummary = "loaded earlier";
        }
        Console.block(Banner.table(settings, demoSummary, seconds(t0)));
        return supervise();
    }

    private Child build() {
        String modules = String.join(",", Service.ALL.stream().map(Service::module).toList());
        List<String> command = List.of(settings.root().resolve("mvnw").toString(), "-B", "-q", "package",
                "-DskipTests", "-pl", modules, "-am");
        Console.line(BUILD, "building the services: ./mvnw " + String.join(" ", command.subList(1, command.size())));
        return Child.start(BUILD, command, Map.of(), settings.root(), settings.logDir());
    }

    private void awaitBuild(Child maven, long t0) {
        int exit = maven.waitForExitCode();
        synchronized (lock) {
            children.remove(maven);
            pids.delete(BUILD);
            if (stopping) {
                throw new LauncherException("stopping");
            }
        }
        if (exit != 0) {
            throw new LauncherException("The build failed (exit code " + exit + "); its output is above and in "
                    + settings.root().relativize(maven.logFile()));
        }
        requireJars();
        // Maven leaves a jar alone when its content did not change; mark them fresh for the catapult script's check.
        long now = System.currentTimeMillis();
        Service.ALL.forEach(svc -> svc.jar(settings.root()).toFile().setLastModified(now));
        Console.line(BUILD, "done " + seconds(t0) + " s after start");
    }

    private Child startService(Service s) {
        Map<String, String> env = new HashMap<>(serviceEnvironment());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(settings.serviceJavaOpts().trim().split("\\s+")).filter(o -> !o.isBlank()).forEach(command::add);
        command.add("-jar");
        command.add(s.jar(settings.root()).toString());
        Console.line(s.name(), "starting " + s.module() + " on port " + s.port(settings));
        return register(Child.start(s.name(), command, env, settings.root(), settings.logDir()));
    }

    /** The environment every service gets: the same variable names as in their application.properties. */
    Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Service s : Service.ALL) {
            env.put(s.portVariable(), String.valueOf(s.port(settings)));
        }
        env.put("REGISTRY_URL", "http://localhost:" + settings.registryPort());
        env.put("APPLICATION_URL", "http://localhost:" + settings.applicationPort());
        env.put("BOOKING_URL", "http://localhost:" + settings.bookingPort());
        env.put("CATAPULT_OIDC_URL", settings.oidcUrl());
        Map<String, String> dbs = Map.of("REGISTRY", "catapult_registry", "APPLICATION", "catapult_application",
                "BOOKING", "catapult_booking");
        dbs.forEach((svc, db) -> {
            env.put(svc + "_DB_URL", settings.jdbcUrl(db));
            env.put(svc + "_DB_USER", settings.dbUser());
            env.put(svc + "_DB_PASSWORD", settings.dbPassword());
        });
        return env;
    }

    private Child register(Child child) {
        synchronized (lock) {
            if (!stopping) {
                children.add(child);
                pids.write(child.name(), List.of(child.handle()));
                return child;
            }
        }
        child.stop(STOP_GRACE);
        throw new LauncherException("stopping");
    }

    public boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Waits until a part stops on its own (a failure) or the JVM is told to stop (shutdown hook). */
    private int supervise() {
        List<CompletableFuture<Child>> exits;
        synchronized (lock) {
            // Keycloak's kc.sh keeps a java child: record it too, so a later run finds it after a kill -9.
            children.forEach(c -> pids.write(c.name(), ProcessTrees.withDescendants(c.handle())));
            exits = children.stream().map(c -> c.handle().onExit().thenApply(h -> c)).toList();
        }
        Child dead = (Child) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).join();
        if (stopping()) {
            return SHUTTING_DOWN;
        }
        Console.info("FAILED: " + dead.name() + " stopped unexpectedly (exit code " + dead.waitForExitCode()
                + "); stopping the stack. Its log: " + settings.root().relativize(dead.logFile()));
        stop();
        return 1;
    }

    /** Stops everything this launcher started. Safe to call twice and from the shutdown hook. */
    public void stop() {
        List<Child> toStop;
        synchronized (lock) {
            if (stopping) {
                while (!stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(children);
            if (!owner) {
                // Nothing was started (e.g. another stack runs, or a port is taken): leave everything alone.
                stopped = true;
                lock.notifyAll();
                return;
            }
        }
        try {
            List<String> names = new ArrayList<>(toStop.stream().map(Child::name).toList());
            if (settings.embeddedDatabase()) {
                names.add(Database.NAME);
            }
            Console.info("stopping " + String.join(", ", names));
            List<ProcessHandle> all = new ArrayList<>();
            toStop.forEach(c -> all.addAll(ProcessTrees.withDescendants(c.handle())));
            int killed = ProcessTrees.stop(all, STOP_GRACE);
            // A Keycloak still being unpacked or started stops itself in register(), which sees `stopping`.
            if (keycloakStart != null) {
                keycloakStart.handle((c, e) -> c).completeOnTimeout(null, 60, TimeUnit.SECONDS).join();
            }
            database.close();
            Database.postmaster(Database.dataDirectory(settings)).ifPresent(p ->
                    ProcessTrees.stop(List.of(p), STOP_GRACE));
            toStop.forEach(c -> pids.delete(c.name()));
            pids.delete(Database.NAME);
            pids.delete(LAUNCHER);
            Console.info("stopped" + (killed > 0 ? " (" + killed + " process(es) needed SIGKILL)" : ""));
        } finally {
            synchronized (lock) {
                stopped = true;
                lock.notifyAll();
            }
        }
    }

    private Map<Integer, String> wantedPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        if (settings.embeddedDatabase()) {
            ports.put(settings.postgresPort(), "embedded PostgreSQL, CATAPULT_PG_PORT");
        }
        if (settings.localKeycloak()) {
            ports.put(settings.keycloakPort(), "Keycloak, KEYCLOAK_PORT");
            ports.put(settings.keycloakManagementPort(), "Keycloak management, KEYCLOAK_MANAGEMENT_PORT");
        }
        for (Service s : Service.ALL) {
            ports.put(s.port(settings), s.name() + ", " + s.portVariable());
        }
        if (ports.size() < (settings.embeddedDatabase() ? 1 : 0) + (settings.localKeycloak() ? 2 : 0) + Service.ALL.size()) {
            throw new LauncherException("Two parts are configured with the same port: " + ports);
        }
        return ports;
    }

    private void requireJars() {
        List<String> missing = Service.ALL.stream()
                .filter(s -> !Files.exists(s.jar(settings.root())))
                .map(s -> s.name() + " (" + settings.root().relativize(s.jar(settings.root())) + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new LauncherException("Not built yet: " + String.join(", ", missing)
                    + "\nBuild with ./mvnw -B package -DskipTests (./catapult up does it for you).");
        }
    }

    private Path demoMarker() {
        return Database.demoMarker(settings);
    }

    private void writeDemoMarker() {
        try {
            Files.writeString(demoMarker(), "Demo data loaded through the API; ./catapult up --demo loads it again.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a second stack while a launcher of this data directory runs. */
    static void refuseIfRunning(PidFiles pids, Settings settings) {
        List<ProcessHandle> launcher = pids.alive(LAUNCHER);
        if (!launcher.isEmpty()) {
            throw new LauncherException("A stack is already running from " + settings.dataDir() + " (launcher pid "
                    + launcher.get(0).pid() + "). Stop it with ./catapult down, or see ./catapult status.");
        }
    }

    /**
     * Stops what an earlier launcher left behind, e.g. after a kill -9: processes of its pid files (same pid
     * and start time), a postmaster still holding the data directory, and Keycloak processes under .catapult/.
     */
    static void cleanUpStale(Settings settings, PidFiles pids, Keycloak keycloak) {
        Map<String, List<ProcessHandle>> stale = new LinkedHashMap<>();
        for (String name : pids.names()) {
            if (name.equals(LAUNCHER)) {
                continue;
            }
            List<ProcessHandle> alive = new ArrayList<>();
            pids.alive(name).forEach(p -> alive.addAll(ProcessTrees.withDescendants(p)));
            if (!alive.isEmpty()) {
                stale.put(name, alive);
            }
        }
        keycloak.strayProcesses().forEach(p ->
                stale.computeIfAbsent(Keycloak.NAME, k -> new ArrayList<>()).add(p));
        Optional<ProcessHandle> postmaster = Database.postmaster(Database.dataDirectory(settings));
        stale.remove(Database.NAME);
        stale.forEach((name, processes) -> Console.info("stopping " + name + " left over from an earlier run (pid "
                + processes.stream().map(p -> String.valueOf(p.pid())).distinct().toList() + ")"));
        ProcessTrees.stop(stale.values().stream().flatMap(List::stream).distinct().toList(), STOP_GRACE);
        // PostgreSQL last: the services that were connected to it are gone by now.
        postmaster.ifPresent(p -> {
            Console.info("stopping the embedded PostgreSQL left over from an earlier run (pid " + p.pid() + ")");
            ProcessTrees.stop(ProcessTrees.withDescendants(p), STOP_GRACE);
        });
        pids.names().forEach(pids::delete);
    }

    static String seconds(long t0) {
        return String.format("%.1f", (System.nanoTime() - t0) / 1e9);
    }

    /** Waits for every part to be ready; fails naming the part that died or timed out. */
    private final class Readiness {
        private final long t0;
        private final Map<String, Runnable> checks = new LinkedHashMap<>();
        private final Map<String, Boolean> ready = new LinkedHashMap<>();

        Readiness(long t0) {
            this.t0 = t0;
        }

        void service(String name, Child child, String url, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            ready.put(name, false);
            checks.put(name, () -> {
                if (!child.isAlive()) {
                    throw failed(child, "exited with code " + child.waitForExitCode() + " while starting");
                }
                if (Probe.healthUp(url)) {
                    ready.put(name, true);
                    Console.line(name, "ready (" + url + " is UP) " + seconds(t0) + " s after start");
                } else if (System.nanoTime() > deadline) {
                    throw failed(child, "was not ready within " + timeout.toSeconds() + " s (" + url
                            + " did not answer UP; raise CATAPULT_START_TIMEOUT if the machine is slow)");
                }
            });
        }

        void keycloak(CompletableFuture<Child> start, String discoveryUrl, Duration timeout, boolean local) {
            long deadline = System.nanoTime() + timeout.toNanos();
            ready.put(Keycloak.NAME, false);
            checks.put(Keycloak.NAME, () -> {
                Child child = null;
                if (local) {
                    if (start.isCompletedExceptionally()) {
                        Throwable cause = start.handle((c, e) -> e).join();
                        throw cause.getCause() instanceof LauncherException le ? le
                                : new LauncherException("Keycloak could not be started: " + cause.getMessage(), cause);
                    }
                    if (!start.isDone()) {
                        return;
                    }
                    child = start.join();
                    if (!child.isAlive()) {
                        throw failed(child, "exited with code " + child.waitForExitCode() + " while starting");
                    }
                }
                if (Probe.ok(discoveryUrl)) {
                    ready.put(Keycloak.NAME, true);
                    Console.line(Keycloak.NAME, "ready (realm discovery " + discoveryUrl + ") " + seconds(t0)
                            + " s after start");
                } else if (System.nanoTime() > deadline) {
                    String what = "was not ready within " + timeout.toSeconds() + " s (" + discoveryUrl
                            + " did not answer; raise CATAPULT_KEYCLOAK_TIMEOUT if the machine is slow)";
                    throw child != null ? failed(child, what) : new LauncherException("The OIDC provider " + what);
                }
            });
        }

        void await() {
            while (ready.containsValue(false)) {
                checks.forEach((name, check) -> {
                    if (!ready.get(name)) {
                        check.run();
                    }
                });
                if (ready.containsValue(false)) {
                    sleep(500);
                }
            }
        }

        private LauncherException failed(Child child, String what) {
            return new LauncherException(child.name() + " " + what + ". Last lines of "
                    + settings.root().relativize(child.logFile()) + ":\n" + child.tail(8));
        }
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
