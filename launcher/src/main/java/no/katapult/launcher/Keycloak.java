package no.katapult.launcher;

import no.katapult.launcher.console.Console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak from {@code org.keycloak:keycloak-quarkus-dist} (fetched through Maven), unpacked under
 * {@code .catapult/keycloak/} and run with {@code kc.sh start-dev --import-realm}. Its dev database stays
 * there between runs; when the realm file changes, that database is reset so the realm is imported again.
 */
public final class Keycloak {

    public static final String NAME = "keycloak";
    static final Path REALM_FILE = Path.of("deploy", "keycloak", "catapult-realm.json");

    private final Settings settings;
    private final Path base;
    private final Path home;

    public Keycloak(Settings settings) {
        this.settings = settings;
        this.base = settings.dataDir().resolve("keycloak");
        this.home = base.resolve("keycloak-" + settings.keycloakVersion());
    }

    /** Unpacks the distribution if needed and installs the realm for import. */
    public void prepare() {
        try {
            if (!Files.exists(home.resolve(".unpacked"))) {
                unpack(distributionZip());
            }
            installRealm();
        } catch (IOException e) {
            throw new LauncherException("Keycloak could not be prepared in " + home + ": " + e.getMessage(), e);
        }
    }

    /** The jar kc.sh starts Keycloak's JVM from. */
    public Path jar() {
        return home.resolve("lib").resolve("quarkus-run.jar");
    }

    /** Starts {@code kc.sh start-dev}; {@code jvmOptions} are added to its JVM's (JAVA_OPTS_APPEND). */
    public Child start(List<String> jvmOptions) {
        List<String> command = List.of("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-port=" + settings.keycloakPort(),
                "--http-management-port=" + settings.keycloakManagementPort(),
                "--import-realm");
        Map<String, String> env = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS_APPEND", String.join(" ", jvmOptions),
                "KC_BOOTSTRAP_ADMIN_USERNAME", settings.keycloakAdminUser(),
                "KC_BOOTSTRAP_ADMIN_PASSWORD", settings.keycloakAdminPassword());
        Console.line(NAME, "starting Keycloak " + settings.keycloakVersion() + " (start-dev) on port "
                + settings.keycloakPort() + ", management port " + settings.keycloakManagementPort());
        return Child.start(NAME, command, env, home, settings.logDir());
    }

    private Path distributionZip() throws IOException {
        String v = settings.keycloakVersion();
        String relative = "org/keycloak/keycloak-quarkus-dist/" + v + "/keycloak-quarkus-dist-" + v + ".zip";
        Path inLocalRepo = localRepository().resolve(relative);
        if (Files.exists(inLocalRepo)) {
            return inLocalRepo;
        }
        Path downloads = settings.dataDir().resolve("downloads");
        Path zip = downloads.resolve("keycloak-quarkus-dist-" + v + ".zip");
        if (Files.exists(zip)) {
            return zip;
        }
        Console.line(NAME, "fetching org.keycloak:keycloak-quarkus-dist:" + v + ":zip through Maven (about 160 MB)");
        Files.createDirectories(downloads);
        List<String> mvn = List.of(settings.root().resolve("mvnw").toString(), "-B", "-q", "-N",
                "dependency:copy", "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + v + ":zip",
                "-DoutputDirectory=" + downloads, "-Dmdep.useBaseVersion=true");
        Child fetch = Child.start("maven", mvn, Map.of(), settings.root(), settings.logDir());
        try {
            fetch.handle().onExit().get(15, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            fetch.stop(Duration.ofSeconds(5));
            throw new LauncherException("Fetching the Keycloak distribution took more than 15 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fetch.stop(Duration.ofSeconds(5));
            throw new LauncherException("Interrupted while fetching Keycloak");
        } catch (ExecutionException e) {
            throw new LauncherException("Fetching Keycloak failed: " + e.getMessage());
        }
        if (fetch.waitForExitCode() != 0 || !Files.exists(zip)) {
            throw new LauncherException("Maven could not fetch the Keycloak distribution (exit code "
                    + fetch.waitForExitCode() + "); see " + fetch.logFile());
        }
        return zip;
    }

    private static Path localRepository() {
        String custom = System.getProperty("maven.repo.local");
        return custom != null ? Path.of(custom) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private void unpack(Path zip) throws IOException {
        Console.line(NAME, "unpacking " + zip.getFileName() + " into " + settings.root().relativize(base));
        long t0 = System.nanoTime();
        deleteRecursively(home);
        Files.createDirectories(base);
        if (!unzipTool(zip)) {
            unzipJava(zip);
        }
        Files.writeString(home.resolve(".unpacked"), zip.toString());
        Console.line(NAME, "unpacked in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /** The system's unzip is about four times faster than java.util.zip here; without it, Java does the job. */
    private boolean unzipTool(Path zip) {
        try {
            Process p = new ProcessBuilder("unzip", "-q", "-o", zip.toString(), "-d", base.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor() == 0 && Files.exists(home.resolve("bin").resolve("kc.sh"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while unpacking Keycloak");
        }
    }

    private void unzipJava(Path zip) throws IOException {
        deleteRecursively(home);
        String prefix = "keycloak-" + settings.keycloakVersion() + "/";
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().startsWith(prefix)) {
                    continue;
                }
                Path target = home.resolve(e.getName().substring(prefix.length())).normalize();
                if (!target.startsWith(home)) {
                    throw new IOException("Zip entry outside the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zf.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (target.getFileName().toString().endsWith(".sh")) {
                    Files.setPosixFilePermissions(target, EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
                }
            }
        }
    }

    private void installRealm() throws IOException {
        Path realm = settings.root().resolve(REALM_FILE);
        if (!Files.exists(realm)) {
            throw new LauncherException("The realm file " + realm + " is missing");
        }
        String hash = sha256(Files.readAllBytes(realm));
        Path hashFile = base.resolve("realm.sha256");
        Path devDatabase = home.resolve("data").resolve("h2");
        String imported = Files.exists(hashFile) ? Files.readString(hashFile).trim() : "";
        if (!hash.equals(imported) && Files.exists(devDatabase)) {
            // Keycloak skips a realm that already exists, so a changed realm file needs a fresh dev database.
            Console.line(NAME, REALM_FILE + " changed since Keycloak imported it: resetting Keycloak's dev database");
            deleteRecursively(devDatabase);
        }
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        Files.copy(realm, importDir.resolve("catapult-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(hashFile, hash);
    }

    /** Processes of an earlier Keycloak under this data directory, e.g. after a kill -9 of the launcher. */
    public Stream<ProcessHandle> strayProcesses() {
        String marker = home.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
