package no.katapult.e2e.drills;

import no.katapult.client.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The control of the running launcher ({@code ./catapult stop|start|restart <part>}), reached directly: its
 * port and token are in {@code .catapult/run/control.port} and {@code control.token} of the checkout that runs
 * the stack ({@code CATAPULT_DATA_DIR}, else found from the working directory upwards).
 */
public final class StackControl {

    private static final Pattern PID = Pattern.compile("running \\(pid (\\d+)\\)");

    private StackControl() {
    }

    static Path runDir() {
        String dataDir = System.getenv("CATAPULT_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir).resolve("run");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("catapult")) && Files.isDirectory(dir.resolve(".catapult"))) {
                return dir.resolve(".catapult").resolve("run");
            }
        }
        throw new AssertionError("No .catapult/ found above " + Path.of("").toAbsolutePath()
                + ": run the drills against a stack started with ./catapult up (or set CATAPULT_DATA_DIR)");
    }

    private static Answer request(String method, String path) {
        Path run = runDir();
        String token;
        String port;
        try {
            token = Files.readString(run.resolve("control.token")).trim();
            port = Files.readString(run.resolve("control.port")).trim();
        } catch (IOException e) {
            throw new AssertionError("the launcher's control files are missing in " + run + " (is ./catapult up "
                    + "running, and up to date?): " + e);
        }
        // A start waits until the part is ready.
        return Drills.send(method, "http://127.0.0.1:" + port + path, token, Duration.ofMinutes(5));
    }

    /** Performs the action and fails the drill if the launcher refuses or fails it. */
    public static String act(String action, String part) {
        Answer r = request("POST", "/parts/" + part + "/" + action);
        assertEquals(200, r.status(), () -> "./catapult " + action + " " + part + ": " + r.body());
        return r.body().strip();
    }

    public static void stop(String part) {
        act("stop", part);
    }

    public static void start(String part) {
        act("start", part);
    }

    public static String restart(String part) {
        return act("restart", part);
    }

    /** The launcher's view of the parts, one line each. */
    public static String status() {
        Answer r = request("GET", "/parts");
        assertEquals(200, r.status(), r::toString);
        return r.body();
    }

    public static Optional<Long> pid(String part) {
        return status().lines().filter(l -> l.startsWith(part + " "))
                .map(PID::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).findFirst();
    }

    /** For the drills' finally blocks: starts the part again if it is stopped; never throws. */
    public static void ensureRunning(String part) {
        try {
            boolean stopped = status().lines().anyMatch(l -> l.startsWith(part + " ") && !l.contains("running (pid"));
            if (stopped) {
                act("start", part);
            }
        } catch (AssertionError | RuntimeException e) {
            System.err.println("could not restore " + part + ": " + e.getMessage());
        }
    }
}
