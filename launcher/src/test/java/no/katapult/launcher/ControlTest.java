package no.katapult.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's control server and client, with a stand-in for the stack. */
class ControlTest {

    /** Records what it was asked to do; "postgres stop" is refused as if it were not running. */
    static final class FakeParts implements Control.Parts {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<String> names() {
            return List.of("registry", "booking", "postgres");
        }

        @Override
        public String act(String action, String part) {
            calls.add(action + " " + part);
            if (part.equals("postgres") && action.equals("stop")) {
                throw new LauncherException("postgres is not running");
            }
            return part + " " + action + " done";
        }

        @Override
        public String status() {
            return "registry     running (pid 1)\nbooking      stopped on purpose\n";
        }
    }

    @Test
    void actionsNeedTheTokenFromTheOwnerOnlyFile(@TempDir Path run) throws Exception {
        FakeParts parts = new FakeParts();
        try (Control control = Control.start(run, 0, parts)) {
            Path tokenFile = run.resolve(Control.TOKEN_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            assertEquals(String.valueOf(control.port()), Files.readString(run.resolve(Control.PORT_FILE)).trim());
            String token = Files.readString(tokenFile).trim();
            assertEquals(64, token.length(), "256 random bits in hex");

            assertEquals(401, post(control.port(), "/parts/booking/stop", null).statusCode());
            assertEquals(401, post(control.port(), "/parts/booking/stop", "not-the-token").statusCode());
            assertEquals(401, post(control.port(), "/parts/booking/stop", token + "0").statusCode());
            assertTrue(parts.calls.isEmpty(), "nothing done without the token");

            HttpResponse<String> ok = post(control.port(), "/parts/booking/stop", token);
            assertEquals(200, ok.statusCode());
            assertEquals("booking stop done\n", ok.body());
            assertEquals(List.of("stop booking"), parts.calls);
        }
    }

    @Test
    void theClientReadsTokenAndPortAndReportsAnswers(@TempDir Path run) {
        FakeParts parts = new FakeParts();
        try (Control control = Control.start(run, 0, parts)) {
            Control.Answer restarted = Control.request(run, "POST", "/parts/registry/restart");
            assertTrue(restarted.ok());
            assertEquals("registry restart done", restarted.text());

            Control.Answer refused = Control.request(run, "POST", "/parts/postgres/stop");
            assertEquals(409, refused.status());
            assertEquals("postgres is not running", refused.text());

            Control.Answer unknownPart = Control.request(run, "POST", "/parts/mainframe/stop");
            assertEquals(404, unknownPart.status());
            assertTrue(unknownPart.text().contains("registry, booking, postgres"), unknownPart.text());
            assertEquals(404, Control.request(run, "POST", "/parts/booking/explode").status());

            Control.Answer status = Control.request(run, "GET", "/parts");
            assertTrue(status.text().contains("booking      stopped on purpose"), status.text());
            assertEquals(List.of("restart registry", "stop postgres"), parts.calls);
        }
    }

    @Test
    void itListensOnTheLoopbackAddressOnlyAndRemovesItsFilesWhenClosed(@TempDir Path run) throws Exception {
        Control control = Control.start(run, 0, new FakeParts());
        int port = control.port();
        assertFalse(Ports.isFree(port), "taken on 127.0.0.1");
        for (var address : externalAddresses()) {
            try (var s = new java.net.Socket()) {
                assertThrows(java.io.IOException.class,
                        () -> s.connect(new java.net.InetSocketAddress(address, port), 500),
                        "the control must not be reachable on " + address);
            }
        }
        control.close();
        assertFalse(Files.exists(run.resolve(Control.TOKEN_FILE)));
        assertFalse(Files.exists(run.resolve(Control.PORT_FILE)));
        LauncherException e = assertThrows(LauncherException.class, () -> Control.request(run, "GET", "/parts"));
        assertTrue(e.getMessage().contains("No running stack"), e.getMessage());
    }

    private static List<java.net.InetAddress> externalAddresses() throws Exception {
        List<java.net.InetAddress> result = new ArrayList<>();
        for (var nic : Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    result.add(address);
                }
            }
        }
        return result;
    }

    private static HttpResponse<String> post(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
