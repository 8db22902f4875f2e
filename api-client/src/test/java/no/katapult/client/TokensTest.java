package no.katapult.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens from a real (scripted) token endpoint: the grants, the cache and its renewal. */
class TokensTest {

    private static final String TOKEN_PATH = "/realms/catapult/protocol/openid-connect/token";

    private final TestServer server = TestServer.start();
    /** The time as the client sees it; the test moves it by hand. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-03-28T01:30:00Z"));

    @AfterEach
    void stop() {
        server.close();
    }

    /** A token endpoint that issues token-1, token-2, ... with the given lifetime. */
    private TestServer tokenEndpoint(long expiresIn) {
        return server.on(TOKEN_PATH, (n, request) -> TestServer.Reply.json(200,
                "{\"access_token\": \"token-" + n + "\", \"expires_in\": " + expiresIn + "}"));
    }

    private Api api() {
        return Api.builder(server.url()).tokens(server.url() + TOKEN_PATH).clock(now::get).build();
    }

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    private static Map<String, String> form(TestServer.Seen request) {
        return Arrays.stream(request.body().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void aUserTokenComesFromThePasswordGrantOfTheCliClientAndIsSentAsBearer() {
        tokenEndpoint(300);
        server.on("/api/v1/bookings", (n, request) -> TestServer.Reply.json(200,
                "{\"auth\": \"" + request.header("Authorization") + "\"}"));
        Answer a = api().get("/api/v1/bookings").as("sme-anna").send();
        assertEquals("Bearer token-1", a.json().path("auth").asText());
        TestServer.Seen tokenRequest = server.seen(TOKEN_PATH).get(0);
        assertEquals("POST", tokenRequest.method());
        assertEquals("application/x-www-form-urlencoded", tokenRequest.header("Content-Type"));
        assertEquals(Map.of("grant_type", "password", "client_id", "catapult-cli", "username", "sme-anna",
                "password", "sme-anna"), form(tokenRequest));
        assertEquals("GET /api/v1/bookings as sme-anna", a.request());
    }

    @Test
    void aMachineClientTokenComesFromClientCredentials() {
        tokenEndpoint(300);
        Tokens tokens = api().tokens();
        assertEquals("token-1", tokens.client("innovasjon-norge", "s3cret"));
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "innovasjon-norge",
                "client_secret", "s3cret"), form(server.seen(TOKEN_PATH).get(0)));
        assertEquals("token-2", tokens.user("innovasjon-norge"), "a user and a client of one name are two tokens");
    }

    @Test
    void aTokenIsCachedUntilAMinuteBeforeItExpiresThenRenewed() {
        tokenEndpoint(300);
        Tokens tokens = api().tokens();
        assertEquals("token-1", tokens.user("sme-anna"));
        assertEquals("token-2", tokens.user("sme-bjorn"), "one token per user");
        advance(Duration.ofSeconds(239));
        assertEquals("token-1", tokens.user("sme-anna"));
        assertEquals(2, server.seen(TOKEN_PATH).size(), "cached");
        advance(Duration.ofSeconds(1));
        assertEquals("token-3", tokens.user("sme-anna"), "renewed 60 s before the end of its 300 s");
        assertEquals("token-3", tokens.user("sme-anna"));
        assertEquals(3, server.seen(TOKEN_PATH).size());
    }

    @Test
    void aShortLivedTokenIsRenewedAfterHalfItsLifetime() {
        tokenEndpoint(20);
        Tokens tokens = api().tokens();
        assertEquals("token-1", tokens.user("sme-anna"));
        advance(Duration.ofSeconds(9));
        assertEquals("token-1", tokens.user("sme-anna"));
        advance(Duration.ofSeconds(1));
        assertEquals("token-2", tokens.user("sme-anna"));
    }

    @Test
    void aRefusedTokenNamesTheEndpointTheUserAndTheAnswer() {
        server.on(TOKEN_PATH, (n, request) -> TestServer.Reply.json(401,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid user credentials\"}"));
        ApiException e = assertThrows(ApiException.class, () -> api().get("/api/v1/bookings").as("nobody").send());
        assertTrue(e.getMessage().startsWith("The token endpoint " + server.url() + TOKEN_PATH
                + " refused nobody (client catapult-cli): 401 "), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertEquals(401, e.answer().orElseThrow().status());
        assertEquals(0, server.seen("/api/v1/bookings").size(), "no request without its token");
    }

    @Test
    void theTokenEndpointIsRetriedWhileItIsUnavailable() {
        server.on(TOKEN_PATH, (n, request) -> n == 1 ? new TestServer.Reply(503, Map.of("Retry-After", "0"), "")
                : TestServer.Reply.json(200, "{\"access_token\": \"late\", \"expires_in\": 300}"));
        assertEquals("late", api().tokens().user("sme-anna"));
    }

    @Test
    void aClientWithoutTokenEndpointSaysSo() {
        Api anonymous = Api.builder(server.url()).build();
        assertThrows(IllegalStateException.class, () -> anonymous.get("/x").as("sme-anna").send());
    }
}
