package no.katapult.gateway.resilience;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.gateway.Stubs;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A breaker counts only the service's own failures: 5xx, timeouts, refused connections. A 4xx caused by
 * the caller, or a client too slow to send its body, never opens it. Test breakers open when half of the
 * last 4 requests failed and stay open for 3 s.
 */
@QuarkusTest
class BreakerCountingTest {

    @TestHTTPResource
    URL url;

    @Test
    void clientErrorsNeverOpenTheBreakerButServerErrorsDo() {
        Stubs erratic = Stubs.of("erratic-service");
        for (int i = 0; i < 100; i++) {
            assertEquals(400, given().get("/api/v1/erratic/x?status=400").statusCode());
        }
        for (int status : new int[]{401, 403, 404, 409, 412, 422, 429}) {
            assertEquals(status, given().get("/api/v1/erratic/x?status=" + status).statusCode());
        }
        int hits = erratic.hits();
        assertEquals(200, given().get("/api/v1/erratic/x").statusCode(), "4xx answers must leave the breaker closed");
        assertEquals(hits + 1, erratic.hits());

        // The service's own 500 reaches the client, and counts.
        String type = null;
        for (int i = 0; i < 20 && !"urn:katapult:problem:circuit-open".equals(type); i++) {
            Response r = given().get("/api/v1/erratic/x?status=500");
            if (r.statusCode() == 503) {
                type = r.jsonPath().getString("type");
            } else {
                assertEquals(500, r.statusCode(), "the service's answer passes through");
                assertEquals("erratic-service", r.jsonPath().getString("service"));
            }
        }
        assertEquals("urn:katapult:problem:circuit-open", type, "repeated 5xx must open the breaker");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 200) {
            status = given().get("/api/v1/erratic/x").statusCode();
            sleep(250);
        }
        assertEquals(200, status, "the breaker closes again once the service answers");
    }

    @Test
    void aClientTooSlowToSendItsBodyGets408AndDoesNotOpenTheBreaker() throws Exception {
        // Six at once, each timed out on its own: more than the 4 failures (in tests) that open a breaker.
        List<Callable<String>> clients = Collections.nCopies(6, () -> slowPost("/api/v1/slow/things"));
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        List<Future<String>> answers;
        try {
            answers = pool.invokeAll(clients);
        } finally {
            pool.shutdown();
        }
        for (Future<String> a : answers) {
            String answer = a.get();
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("urn:katapult:problem:request-timeout"), answer);
        }
        // Same service behind another route: its breaker is still closed.
        given().get("/api/v1/patient/x").then().statusCode(200);
    }

    /** Declares 100 bytes of body, sends 10, then waits: the route's 1 s timeout passes meanwhile. */
    private String slowPost(String path) throws Exception {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"a\":\"1234").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder answer = new StringBuilder();
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (answer.indexOf("\r\n\r\n") > 0 && answer.indexOf("}") > 0) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
