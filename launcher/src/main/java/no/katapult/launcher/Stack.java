package no.katapult.launcher;

import no.katapult.launcher.console.Console;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The local stack: PostgreSQL, Keycloak, GreenMail and the five services. Starts them in parallel where it can,
 * waits until each is ready, and stops all of them (with their descendants) on Ctrl-C, SIGTERM or failure.
 * While it runs, its {@link Control} stops, starts and restarts single parts on request.
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
    private final MailServer mail;
    private final Supervisor supervisor;
    private final ClassDataSharing cds;
    private final ClassDataSharing keycloakCds;
    private final Object lock = new Object();
    /** One control action at a time; stop() takes it too, so that no action starts what it is stopping. */
    private final ReentrantLock controlLock = new ReentrantLock();
    private CompletableFuture<Child> keycloakStart;
    private Control control;
    private TraceReceiver traces;
    private boolean owner;
    private boolean stopRequested;
    private boolean stopped;

    public Stack(Settings settings) {
        this.settings = settings;
        this.pids = new PidFiles(settings.runDir());
        this.database = new Database(settings);
        this.keycloak = new Keycloak(settings);
        this.mail = new MailServer(settings);
        this.supervisor = new Supervisor(pids, STOP_GRACE);
        this.cds = new ClassDataSharing(settings.dataDir().resolve("cds"), settings.classDataSharing(),
                serviceJavaOpts());
        this.keycloakCds = cds.dynamicOnly();
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
                    return register(keycloak.start(keycloakCds.options(Keycloak.NAME, keycloak.jar())));
                })
                : CompletableFuture.completedFuture(null);

        // The build of the services runs while PostgreSQL and Keycloak start: Maven leaves a core idle most of the time.
        Child maven = build ? register(build()) : null;
        Child mailServer = null;
        if (settings.localMail()) {
            mail.prepare();
            mailServer = register(mail.start());
        }
        database.start(pids);
        database.postmaster().ifPresent(p -> supervisor.watch(Database.NAME, p));
        if (maven != null) {
            awaitBuild(maven, t0);
        }
        if (settings.localKeycloak() && !Probe.ok(settings.discoveryUrl())) {
            Console.info("the services start while Keycloak boots: their warnings \"OIDC server is not available\" "
                    + "are expected; they connect on the first request");
        }
        if (settings.localTraces()) {
            synchronized (lock) {
                traces = TraceReceiver.start(settings.tracesPort());
            }
            Console.line(TraceReceiver.NAME, "receiving the services' spans (OTLP/HTTP) on " + settings.otlpEndpoint()
                    + "; a trace as JSON: " + settings.otlpEndpoint() + "/v1/traces/<traceId>");
        }
        Map<Service, Child> services = new LinkedHashMap<>();
        for (Service s : Service.instances(settings)) {
            services.put(s, startService(s));
        }

        Readiness readiness = new Readiness(t0);
        if (mailServer != null) {
            readiness.mail(mailServer);
        }
        services.forEach((s, child) -> readiness.service(s.name(), child, s.readyUrl(settings), settings.serviceTimeout()));
        readiness.keycloak(keycloakStart, settings.discoveryUrl(), settings.keycloakTimeout(), settings.localKeycloak());
        readiness.await();
        writeClassDataArchives(services);
        Console.info("all parts ready " + seconds(t0) + " s after start");

        boolean loadDemo = switch (demoMode) {
            case ON -> true;
            case OFF -> false;
            case DEFAULT -> settings.embeddedDatabase() && !demoMarker().toFile().exists();
        };
        String demoSummary = "not loaded (use --demo to load it)";
        if (loadDemo) {
            boolean complete = new DemoData(settings.gatewayUrl(), settings.tokenUrl()).load();
            demoSummary = complete ? "loaded" : "INCOMPLETE: see the errors above";
            if (complete && settings.embeddedDatabase()) {
                writeDemoMarker();
            }
        } else if (settings.embeddedDatabase() && demoMarker().toFile().exists()) {
            demoSummary = "loaded earlier";
        }
        startControl();
        Console.block(Banner.table(settings, demoSummary, seconds(t0)));
        return supervise();
    }

    private Child build() {
        String modules = String.join(",", Service.ALL.stream().map(Service::module).toList());
        List<String> command = new ArrayList<>(List.of(settings.root().resolve("mvnw").toString(), "-B", "-q",
                "package", "-DskipTests", "-pl", modules, "-am"));
        if (cds.aotCache()) {
            // An AOT cache holds only the classes of the JVM's own loaders: this layout puts every jar on the class
            // path (Quarkus's fast-jar loads them with its own loader). A start without the cache is slower with it.
            command.add("-Dquarkus.package.jar.type=aot-jar");
        }
        Console.line(BUILD, "building the services: ./mvnw " + String.join(" ", command.subList(1, command.size())));
        return Child.start(BUILD, command, Map.of(), settings.root(), settings.logDir());
    }

    private void awaitBuild(Child maven, long t0) {
        int exit = maven.waitForExitCode();
        supervisor.forget(maven);
        if (supervisor.stopping()) {
            throw new LauncherException("stopping");
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
        Map<String, String> env = new HashMap<>(serviceEnvironment(s));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceJavaOpts());
        command.addAll(cds.options(s.name(), s.jar(settings.root())));
        command.add("-jar");
        command.add(s.jar(settings.root()).toString());
        Console.line(s.name(), "starting " + s.module() + " on port " + s.port(settings));
        return register(Child.start(s.name(), command, env, settings.root(), settings.logDir()));
    }

    private List<String> serviceJavaOpts() {
        return Arrays.stream(settings.serviceJavaOpts().trim().split("\\s+")).filter(o -> !o.isBlank()).toList();
    }

    /**
     * With CATAPULT_CDS=true, writes the class-data archive of each part that started without one, before the stack
     * counts as ready: the dump stops its JVM for a few seconds, which no request should meet. The parts are dumped
     * side by side, so that each JVM's stop overlaps the others' rather than adding to them (not compared with one
     * after another on JDK 25: the first start after a build took 84–106 s with them side by side).
     */
    private void writeClassDataArchives(Map<Service, Child> services) {
        List<Thread> dumps = new ArrayList<>();
        services.forEach((s, child) -> dumps.add(new Thread(() ->
                writeClassDataArchive(cds, s.name(), s.jar(settings.root()), child.handle()), "dump-" + s.name())));
        Child kc = keycloakStart == null ? null : keycloakStart.handle((c, e) -> c).getNow(null);
        if (kc != null) {
            // kc.sh runs Keycloak's JVM as its child, or becomes it (exec) after a re-augmentation.
            Stream.concat(Stream.of(kc.handle()), kc.handle().descendants())
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .findFirst().ifPresent(jvm -> dumps.add(new Thread(() ->
                            writeClassDataArchive(keycloakCds, Keycloak.NAME, keycloak.jar(), jvm), "dump-keycloak")));
        }
        dumps.forEach(Thread::start);
        for (Thread dump : dumps) {
            try {
                dump.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeClassDataArchive(ClassDataSharing archives, String part, Path jar, ProcessHandle jvm) {
        if (supervisor.stopping() || !archives.needsArchive(part, jar)) {
            return;
        }
        long t = System.nanoTime();
        try {
            long bytes = archives.dump(part, jar, jvm.pid());
            Console.line(part, (archives.aotCache() ? "AOT cache" : "class-data archive") + " written ("
                    + bytes / (1024 * 1024) + " MB, " + (System.nanoTime() - t) / 1_000_000
                    + " ms): its next starts map these classes");
        } catch (IOException e) {
            Console.line(part, "no class-data archive: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The environment of one instance: its own port, and the others' URLs (every instance's, for a gateway). */
    Map<String, String> serviceEnvironment(Service instance) {
        Map<String, String> env = serviceEnvironment();
        env.put(instance.portVariable(), String.valueOf(instance.port(settings)));
        if (instance.isGateway()) {
            // The gateway balances over every instance and checks each one's health; the services call the
            // first instance of another (a Service address in a cluster).
            for (Service kind : Service.ALL) {
                if (!kind.isGateway()) {
                    env.put(kind.portVariable().replace("_PORT", "_URL"), kind.allUrls(settings));
                }
            }
        }
        return env;
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
        env.put("EVENTS_URL", "http://localhost:" + settings.eventsPort());
        env.put("CATAPULT_OIDC_URL", settings.oidcUrl());
        // Spans go to the local trace receiver, or to the collector given with CATAPULT_OTLP_ENDPOINT.
        env.put("CATAPULT_OTLP_ENDPOINT", settings.otlpEndpoint());
        // event-hub: its service account reads the producers' feeds (REGISTRY_URL etc. above); the demo's
        // receivers run on this machine, so webhooks to http://127.0.0.1 and http://localhost are allowed.
        env.put("EVENTS_CLIENT_SECRET", settings.eventsClientSecret());
        env.put("CATAPULT_WEBHOOK_ALLOW_LOOPBACK", "true");
        // event-hub's mails: to the local GreenMail, which speaks plain SMTP on loopback (a real server given
        // with CATAPULT_SMTP_HOST keeps STARTTLS); a centre's operators from the local Keycloak's admin API.
        if (settings.localMail()) {
            env.put("CATAPULT_SMTP_HOST", "127.0.0.1");
            env.put("CATAPULT_SMTP_PORT", String.valueOf(settings.mailSmtpPort()));
            env.put("CATAPULT_SMTP_STARTTLS", "DISABLED");
        }
        if (settings.localKeycloak()) {
            env.put("CATAPULT_DIRECTORY_URL", "http://localhost:" + settings.keycloakPort() + "/admin/realms/catapult");
        }
        Map<String, String> dbs = Map.of("REGISTRY", "catapult_registry", "APPLICATION", "catapult_application",
                "BOOKING", "catapult_booking", "EVENTS", "catapult_events");
        dbs.forEach((svc, db) -> {
            env.put(svc + "_DB_URL", settings.jdbcUrl(db));
            env.put(svc + "_DB_USER", settings.dbUser());
            env.put(svc + "_DB_PASSWORD", settings.dbPassword());
        });
        return env;
    }

    private Child register(Child child) {
        return supervisor.register(child);
    }

    public boolean stopping() {
        return supervisor.stopping();
    }

    private void startControl() {
        synchronized (lock) {
            if (stopRequested) {
                throw new LauncherException("stopping");
            }
            control = Control.start(settings.runDir(), settings.controlPort(), new Parts());
        }
    }

    /**
     * Waits until a part stops on its own (a failure) or the JVM is told to stop (shutdown hook). Parts stopped
     * on purpose through the control are no failure.
     */
    private int supervise() {
        supervisor.superviseAll();
        Optional<String> failure = supervisor.awaitFailure();
        if (failure.isEmpty()) {
            return SHUTTING_DOWN;
        }
        Console.info("FAILED: " + failure.get());
        stop();
        return 1;
    }

    /** Stops everything this launcher started. Safe to call twice and from the shutdown hook. */
    public void stop() {
        Control controlToClose;
        synchronized (lock) {
            if (stopRequested) {
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
            stopRequested = true;
            if (!owner) {
                // Nothing was started (e.g. another stack runs, or a port is taken): leave everything alone.
                supervisor.beginStopping();
                stopped = true;
                lock.notifyAll();
                return;
            }
            controlToClose = control;
        }
        boolean controlLocked = false;
        try {
            // From here on no part starts; a control action in flight aborts and cleans up after itself first.
            supervisor.beginStopping();
            if (controlToClose != null) {
                controlToClose.close();
            }
            controlLocked = lockControl(Duration.ofMinutes(2));
            List<Child> toStop = supervisor.beginStopping();
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
            synchronized (lock) {
                if (traces != null) {
                    traces.close();
                }
            }
            Database.postmaster(Database.dataDirectory(settings)).ifPresent(p ->
                    ProcessTrees.stop(List.of(p), STOP_GRACE));
            supervisor.deletePidFiles();
            pids.delete(Database.NAME);
            Control.deleteFiles(settings.runDir());
            pids.delete(LAUNCHER);
            Console.info("stopped" + (killed > 0 ? " (" + killed + " process(es) needed SIGKILL)" : ""));
        } finally {
            if (controlLocked) {
                controlLock.unlock();
            }
            synchronized (lock) {
                stopped = true;
                lock.notifyAll();
            }
        }
    }

    private boolean lockControl(Duration timeout) {
        try {
            return controlLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The parts the control acts on: the five services, a local Keycloak and the embedded PostgreSQL. */
    final class Parts implements Control.Parts {

        @Override
        public List<String> names() {
            List<String> names = new ArrayList<>(Service.instances(settings).stream().map(Service::name).toList());
            if (settings.localKeycloak()) {
                names.add(Keycloak.NAME);
            }
            if (settings.localMail()) {
                names.add(MailServer.NAME);
            }
            if (settings.embeddedDatabase()) {
                names.add(Database.NAME);
            }
            return names;
        }

        @Override
        public String act(String action, String part) {
            controlLock.lock();
            try {
                if (supervisor.stopping()) {
                    throw new LauncherException("the stack is stopping");
                }
                Console.info("control: " + action + " " + part);
                long t0 = System.nanoTime();
                String result = part.equals(Database.NAME) ? actOnDatabase(action) : actOnProcess(action, part);
                String line = result + " (" + seconds(t0) + " s)";
                Console.info("control: " + line);
                return line;
            } catch (LauncherException e) {
                Console.info("control: " + action + " " + part + " refused or failed: " + e.getMessage());
                throw e;
            } finally {
                controlLock.unlock();
            }
        }

        private String actOnProcess(String action, String part) {
            BooleanSupplier ready;
            Duration timeout;
            if (part.equals(Keycloak.NAME)) {
                ready = () -> Probe.ok(settings.discoveryUrl());
                timeout = settings.keycloakTimeout();
            } else if (part.equals(MailServer.NAME)) {
                ready = mail::ready;
                timeout = settings.serviceTimeout();
            } else {
                Service service = Service.instances(settings).stream().filter(s -> s.name().equals(part)).findFirst()
                        .orElseThrow(() -> new LauncherException("unknown part '" + part + "'"));
                ready = () -> Probe.healthUp(service.readyUrl(settings));
                timeout = settings.serviceTimeout();
            }
            switch (action) {
                case "stop" -> {
                    int killed = supervisor.stopPart(part);
                    return part + " stopped on purpose" + (killed > 0 ? " (" + killed + " process(es) needed SIGKILL)" : "")
                            + "; the rest keeps running; ./catapult start " + part + " starts it again";
                }
                case "start" -> {
                    Child child = supervisor.startPart(part, ready, timeout);
                    return part + " started again (pid " + child.handle().pid() + ") and ready";
                }
                case "restart" -> {
                    if (supervisor.isRunning(part)) {
                        supervisor.stopPart(part);
                    }
                    Child child = supervisor.startPart(part, ready, timeout);
                    return part + " restarted (pid " + child.handle().pid() + ") and ready";
                }
                default -> throw new IllegalArgumentException(action);
            }
        }

        private String actOnDatabase(String action) {
            boolean stop = !action.equals("start");
            boolean start = !action.equals("stop");
            if (action.equals("stop") && !database.running()) {
                throw new LauncherException(Database.NAME + " is not running");
            }
            if (action.equals("start") && database.running()) {
                throw new LauncherException(Database.NAME + " is already running");
            }
            if (stop && database.running()) {
                supervisor.unwatch(Database.NAME);
                database.stopEmbedded(pids);
            }
            if (start) {
                database.startAgain(pids);
                database.postmaster().ifPresent(p -> supervisor.watch(Database.NAME, p));
                return Database.NAME + (stop ? " restarted" : " started again") + " on port " + settings.postgresPort()
                        + " with data directory " + settings.root().relativize(Database.dataDirectory(settings));
            }
            return Database.NAME + " stopped on purpose; the services report not ready until ./catapult start "
                    + Database.NAME;
        }

        @Override
        public String status() {
            StringBuilder sb = new StringBuilder();
            for (String name : names()) {
                String state;
                if (name.equals(Database.NAME)) {
                    state = database.postmaster().map(p -> "running (pid " + p.pid() + ")")
                            .orElse("stopped on purpose");
                } else {
                    Optional<Child> child = supervisor.child(name);
                    state = child.map(c -> "running (pid " + c.handle().pid() + ")")
                            .orElse(supervisor.isStoppedOnPurpose(name) ? "stopped on purpose" : "not running");
                }
                sb.append(String.format("%-12s %s%n", name, state));
            }
            return sb.toString();
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
        for (Service s : Service.instances(settings)) {
            ports.put(s.port(settings), s.name() + ", " + s.portVariable() + (s.instance() > 1 ? " + " + Service.REPLICA_PORT_STEP
                    * (s.instance() - 1) : ""));
        }
        if (settings.localMail()) {
            ports.put(settings.mailSmtpPort(), "GreenMail SMTP, CATAPULT_MAIL_SMTP_PORT");
            ports.put(settings.mailImapPort(), "GreenMail IMAP, CATAPULT_MAIL_IMAP_PORT");
        }
        if (settings.localTraces()) {
            ports.put(settings.tracesPort(), "the trace receiver, CATAPULT_TRACES_PORT");
        }
        int control = settings.controlPort() == 0 ? 0 : 1;
        if (control == 1) {
            ports.put(settings.controlPort(), "the launcher's control, CATAPULT_CONTROL_PORT");
        }
        if (ports.size() < (settings.embeddedDatabase() ? 1 : 0) + (settings.localKeycloak() ? 2 : 0) + Service.instances(settings).size()
                + (settings.localMail() ? 2 : 0) + (settings.localTraces() ? 1 : 0) + control) {
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
        Control.deleteFiles(settings.runDir());
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

        void mail(Child child) {
            long deadline = System.nanoTime() + settings.serviceTimeout().toNanos();
            ready.put(MailServer.NAME, false);
            checks.put(MailServer.NAME, () -> {
                if (!child.isAlive()) {
                    throw failed(child, "exited with code " + child.waitForExitCode() + " while starting");
                }
                if (mail.ready()) {
                    ready.put(MailServer.NAME, true);
                    Console.line(MailServer.NAME, "ready (SMTP 127.0.0.1:" + settings.mailSmtpPort() + ", IMAP 127.0.0.1:"
                            + settings.mailImapPort() + ") " + seconds(t0) + " s after start");
                } else if (System.nanoTime() > deadline) {
                    throw failed(child, "was not ready within " + settings.serviceTimeout().toSeconds() + " s");
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
