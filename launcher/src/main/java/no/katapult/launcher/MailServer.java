package no.katapult.launcher;

import no.katapult.launcher.console.Console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local SMTP and IMAP server: GreenMail standalone ({@code com.icegreen:greenmail-standalone}, fetched through
 * Maven), on 127.0.0.1 only, with authentication off (demo only): it takes mail for any address, and any password
 * opens the mailbox of the full address. event-hub sends its notifications here. The jar is copied under
 * {@code .catapult/mail/} so that its process is recognisably part of this stack.
 */
public final class MailServer {

    public static final String NAME = "mail";

    private final Settings settings;
    private final Path home;

    public MailServer(Settings settings) {
        this.settings = settings;
        this.home = settings.dataDir().resolve("mail");
    }

    /** Puts the jar in place, fetching it through Maven if the local repository does not have it. */
    public void prepare() {
        try {
            Path jar = jar();
            if (!Files.exists(jar)) {
                Files.createDirectories(home);
                Files.copy(fromRepository(), jar, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LauncherException("GreenMail could not be prepared in " + home + ": " + e.getMessage(), e);
        }
    }

    public Child start() {
        Console.line(NAME, "starting GreenMail " + settings.greenMailVersion() + ": SMTP on 127.0.0.1:"
                + settings.mailSmtpPort() + ", IMAP on 127.0.0.1:" + settings.mailImapPort()
                + " (no authentication, demo only)");
        return Child.start(NAME, command(settings, jar()), Map.of(), home, settings.logDir());
    }

    /** The command line; no API server (its default port is the gateway's), no TLS, loopback only. */
    static List<String> command(Settings settings, Path jar) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + settings.mailSmtpPort(),
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + settings.mailImapPort(),
                "-Dgreenmail.auth.disabled", "-jar", jar.toString());
    }

    /** Both servers accept connections. */
    public boolean ready() {
        return listening(settings.mailSmtpPort()) && listening(settings.mailImapPort());
    }

    private Path jar() {
        return home.resolve("greenmail-standalone-" + settings.greenMailVersion() + ".jar");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path fromRepository() throws IOException {
        String v = settings.greenMailVersion();
        String file = "greenmail-standalone-" + v + ".jar";
        Path inLocalRepo = localRepository().resolve("com/icegreen/greenmail-standalone/" + v + "/" + file);
        if (Files.exists(inLocalRepo)) {
            return inLocalRepo;
        }
        Path downloads = settings.dataDir().resolve("downloads");
        Files.createDirectories(downloads);
        Console.line(NAME, "fetching com.icegreen:greenmail-standalone:" + v + " through Maven (about 10 MB)");
        List<String> mvn = List.of(settings.root().resolve("mvnw").toString(), "-B", "-q", "-N",
                "dependency:copy", "-Dartifact=com.icegreen:greenmail-standalone:" + v,
                "-DoutputDirectory=" + downloads, "-Dmdep.useBaseVersion=true");
        Child fetch = Child.start("maven", mvn, Map.of(), settings.root(), settings.logDir());
        try {
            fetch.handle().onExit().get(5, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            fetch.stop(Duration.ofSeconds(5));
            throw new LauncherException("Fetching GreenMail took more than 5 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fetch.stop(Duration.ofSeconds(5));
            throw new LauncherException("Interrupted while fetching GreenMail");
        } catch (ExecutionException e) {
            throw new LauncherException("Fetching GreenMail failed: " + e.getMessage());
        }
        Path fetched = downloads.resolve(file);
        if (fetch.waitForExitCode() != 0 || !Files.exists(fetched)) {
            throw new LauncherException("Maven could not fetch GreenMail (exit code " + fetch.waitForExitCode()
                    + "); see " + fetch.logFile());
        }
        return fetched;
    }

    private static Path localRepository() {
        String custom = System.getProperty("maven.repo.local");
        return custom != null ? Path.of(custom) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
