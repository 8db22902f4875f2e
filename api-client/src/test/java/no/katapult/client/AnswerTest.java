package no.katapult.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers as a real server sends them: headers, JSON, problems, and what a request puts on the wire. */
class AnswerTest {

    private static final String PROBLEM = """
            {"type": "urn:katapult:problem:validation", "title": "Invalid request", "status": 400,
             "detail": "2 fields are invalid", "instance": "/api/v1/bookings", "requestId": "req-1",
             "errors": [{"field": "start", "message": "must be in the future"},
                        {"field": "purpose", "message": "must not be blank"}]}""";

    private final TestServer server = TestServer.start();
    private final Api api = Api.builder(server.url()).retry(Retry.NONE).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aProblemIsParsedWithItsFieldErrors() {
        server.on("/api/v1/bookings", (n, r) -> new TestServer.Reply(400,
                Map.of("Content-Type", "application/problem+json;charset=UTF-8"), PROBLEM));
        Answer a = api.post("/api/v1/bookings").body("{}").send();
        assertTrue(a.isProblem());
        Problem p = a.problem().orElseThrow();
        assertEquals(new Problem("urn:katapult:problem:validation", "Invalid request", 400, "2 fields are invalid",
                "/api/v1/bookings", "req-1", List.of(new Problem.FieldError("start", "must be in the future"),
                new Problem.FieldError("purpose", "must not be blank"))), p);
        assertEquals("validation", p.slug());
    }

    @Test
    void aJsonAnswerIsNoProblemAndABodyThatIsNoJsonParsesAsMissing() {
        server.on("/json", (n, r) -> TestServer.Reply.json(409, PROBLEM))
                .on("/text", (n, r) -> new TestServer.Reply(200, Map.of("Content-Type", "text/calendar"),
                        "BEGIN:VCALENDAR"))
                .on("/empty", (n, r) -> new TestServer.Reply(204, Map.of(), ""));
        Answer json = api.get("/json").send();
        assertFalse(json.isProblem());
        assertEquals(Optional.empty(), json.problem(), "only problem+json is a problem");
        assertEquals(400, json.json().path("status").asInt());

        Answer text = api.get("/text").header("Accept", "text/calendar").send();
        assertTrue(text.json().isMissingNode());
        assertEquals("BEGIN:VCALENDAR", text.body());
        assertEquals("text/calendar", text.contentType());
        assertEquals("text/calendar", server.seen("/text").get(0).header("Accept"));

        Answer empty = api.get("/empty").send();
        assertTrue(empty.json().isMissingNode());
        assertEquals("", empty.body());
        assertEquals("", empty.contentType());
        assertTrue(empty.isSuccess());
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        server.on("/things", (n, r) -> new TestServer.Reply(201, Map.of("ETag", "\"3\"", "Location", "/things/1"), ""));
        Answer a = api.post("/things").send();
        assertEquals(Optional.of("\"3\""), a.header("etag"));
        assertEquals(Optional.of("/things/1"), a.header("LOCATION"));
        assertEquals(Optional.empty(), a.header("X-Nothing"));
    }

    @Test
    void expectGivesTheBodyOrFailsNamingRequestStatusAndProblem() {
        server.on("/api/v1/calls", (n, r) -> new TestServer.Reply(403,
                Map.of("Content-Type", "application/problem+json"), "{\"status\": 403, \"title\": \"Forbidden\"}"))
                .on("/api/v1/centres", (n, r) -> TestServer.Reply.json(200, "{\"items\": []}"));
        assertTrue(api.get("/api/v1/centres").expect(200, 201).path("items").isArray());
        ApiException e = assertThrows(ApiException.class,
                () -> api.post("/api/v1/calls").bearer("t").body("{}").expect(201));
        assertEquals("POST /api/v1/calls with a bearer token answered 403 (application/problem+json): "
                + "{\"status\": 403, \"title\": \"Forbidden\"}", e.getMessage());
        assertEquals(403, e.answer().orElseThrow().status());
    }

    @Test
    void aRequestCarriesItsQueryHeadersAndBody() {
        server.on("/api/v1/facilities", (n, r) -> TestServer.Reply.json(200, "{}"));
        api.put("/api/v1/facilities").query("q", "3d printer & co").query("size", 100).query("page", null)
                .header("If-Match", "\"7\"").header("X-Request-Id", "abc").body(Map.of("name", "Lab")).send();
        TestServer.Seen seen = server.seen("/api/v1/facilities").get(0);
        assertEquals("q=3d+printer+%26+co&size=100", seen.query());
        assertEquals("\"7\"", seen.header("If-Match"));
        assertEquals("abc", seen.header("X-Request-Id"));
        assertEquals("application/json", seen.header("Content-Type"));
        assertEquals("application/json", seen.header("Accept"));
        assertEquals("{\"name\":\"Lab\"}", seen.body());
        assertEquals(null, seen.header("Authorization"), "anonymous unless asked");

        api.post("/api/v1/facilities?size=1").query("page", 2).body("{\"broken\": ").send();
        TestServer.Seen second = server.seen("/api/v1/facilities").get(1);
        assertEquals("size=1&page=2", second.query());
        assertEquals("{\"broken\": ", second.body(), "a string goes as it is");
    }

    @Test
    void anAbsoluteUrlIsUsedAsItIs() {
        TestServer other = TestServer.start();
        try {
            other.on("/q/health/ready", (n, r) -> TestServer.Reply.json(200, "{\"status\": \"UP\"}"));
            Answer a = api.get(other.url() + "/q/health/ready").timeout(Duration.ofSeconds(2)).send();
            assertEquals("UP", a.json().path("status").asText());
            assertTrue(a.toString().contains("-> 200 application/json in "), a.toString());
        } finally {
            other.close();
        }
    }
}
