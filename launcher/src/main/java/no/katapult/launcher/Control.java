package no.katapult.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control of a running stack, behind {@code ./catapult stop|start|restart <part>}: a small HTTP server in
 * the launcher, bound to 127.0.0.1 only. Every request must carry the random token that the launcher writes to
 * {@code .catapult/run/control.token} (readable by its owner only), so only local users who may read that file
 * control the stack. The port is written next to it ({@code control.port}); both files go when the stack stops.
 *
 * <pre>
 *   POST /parts/{part}/{stop|start|restart}   200 text/plain, 404 unknown part, 409 refused or failed
 *   GET  /parts                               one line per part: running, ready, stopped on purpose
 * </pre>
 */
final class Control implements AutoCloseable {

    static final String TOKEN_FILE = "control.token";
    static final String PORT_FILE = "control.port";
    static final List<String> ACTIONS = List.of("stop", "start", "restart");
    /** A start waits for readiness; Keycloak may take minutes on a busy machine. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(10);

    /** What the control acts on: the stack, or a stand-in in tests. */
    interface Parts {
        List<String> names();

        /** Performs the action and returns a line for the user; a {@link LauncherException} is a refusal. */
        String act(String action, String part);

        String status();
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path runDir;
    private final byte[] token;

    private Control(HttpServer server, ExecutorService executor, Path runDir, byte[] token) {
        this.server = server;
        this.executor = executor;
        this.runDir = runDir;
        this.token = token;
    }

    /** Binds 127.0.0.1:port (0 = any free port), then writes the token and port files. */
    static Control start(Path runDir, int port, Parts parts) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new LauncherException("The launcher's control port " + port + " (CATAPULT_CONTROL_PORT) could not "
                    + "be bound: " + e.getMessage(), e);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        // A few threads: a start waits for readiness while status requests still answer.
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "catapult-control");
            t.setDaemon(true);
            return t;
        });
        Control control = new Control(server, executor, runDir, token.getBytes(StandardCharsets.US_ASCII));
        server.setExecutor(executor);
        server.createContext("/parts", exchange -> control.handle(exchange, parts));
        server.start();
        try {
            writeFiles(runDir, token, server.getAddress().getPort());
        } catch (RuntimeException e) {
            control.close();
            throw e;
        }
        return control;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        // No interrupt: an action in flight sees the stack stopping and cleans up after itself.
        executor.shutdown();
        deleteFiles(runDir);
    }

    static void deleteFiles(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(TOKEN_FILE));
            Files.deleteIfExists(runDir.resolve(PORT_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFiles(Path runDir, String token, int port) {
        Path tokenFile = runDir.resolve(TOKEN_FILE);
        try {
            Files.createDirectories(runDir);
            Files.deleteIfExists(tokenFile);
            // Created with owner-only permissions, so the token is never readable by others, not even briefly.
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, token + "\n");
            Files.writeString(runDir.resolve(PORT_FILE), port + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange, Parts parts) {
        Answer answer;
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            answer = answer(exchange, parts);
        } catch (LauncherException e) {
            answer = new Answer(409, e.getMessage());
        } catch (IOException | RuntimeException e) {
            answer = new Answer(500, e.toString());
        }
        respond(exchange, answer);
    }

    private Answer answer(HttpExchange exchange, Parts parts) {
        if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, "missing or wrong control token (see .catapult/run/" + TOKEN_FILE + ")");
        }
        String[] segments = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
        String method = exchange.getRequestMethod();
        if (segments.length == 1 && method.equals("GET")) {
            return new Answer(200, parts.status());
        }
        if (segments.length == 3 && method.equals("POST")) {
            String part = segments[1];
            String action = segments[2];
            if (!parts.names().contains(part)) {
                return new Answer(404, "unknown part '" + part + "'; parts: " + String.join(", ", parts.names()));
            }
            if (!ACTIONS.contains(action)) {
                return new Answer(404, "unknown action '" + action + "'; actions: " + String.join(", ", ACTIONS));
            }
            return new Answer(200, parts.act(action, part));
        }
        return new Answer(404, "use GET /parts or POST /parts/{part}/{" + String.join("|", ACTIONS) + "}");
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, token);
    }

    private static void respond(HttpExchange exchange, Answer answer) {
        String text = answer.text() == null ? "" : answer.text();
        byte[] bytes = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client went away; the action itself is done.
        }
    }

    /** The answer of a running launcher's control. */
    record Answer(int status, String text) {
        boolean ok() {
            return status == 200;
        }
    }

    /** Sends one request to the control of the stack whose run directory this is. */
    static Answer request(Path runDir, String method, String path) {
        Path tokenFile = runDir.resolve(TOKEN_FILE);
        Path portFile = runDir.resolve(PORT_FILE);
        if (!Files.exists(tokenFile) || !Files.exists(portFile)) {
            throw new LauncherException("No running stack found (" + tokenFile + " is missing). Start one with "
                    + "./catapult up.");
        }
        String token;
        int port;
        try {
            token = Files.readString(tokenFile).trim();
            port = Integer.parseInt(Files.readString(portFile).trim());
        } catch (IOException e) {
            throw new LauncherException("Cannot read the control token " + tokenFile + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new LauncherException("The control port file " + portFile + " is damaged; restart the stack.");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().strip());
        } catch (ConnectException e) {
            throw new LauncherException("The launcher's control on 127.0.0.1:" + port + " does not answer: is the "
                    + "stack still running? See ./catapult status.");
        } catch (IOException e) {
            throw new LauncherException("The launcher's control closed the connection without an answer (" + e.getMessage()
                    + "); the stack may be stopping. See ./catapult status.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
