package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The public API as a demo user sees it: requests go through the gateway with a bearer token from the
 * OIDC provider's token endpoint (password grant of the public client catapult-cli; demo passwords equal
 * the user names). Any answer other than the expected one is a {@link DemoException} naming the request,
 * the status and the problem body.
 */
final class Api {

    private static final String CLIENT_ID = "catapult-cli";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUrl;
    private final String tokenUrl;
    private final Map<String, Token> tokens = new HashMap<>();

    record Token(String value, Instant expires) {
    }

    /** An answer: status, parsed body (MissingNode when empty or not JSON), headers. */
    record Answer(int status, JsonNode body, String raw, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    Api(String baseUrl, String tokenUrl) {
        this.baseUrl = baseUrl;
        this.tokenUrl = tokenUrl;
    }

    JsonNode get(String user, String path) {
        return expect(send("GET", user, path, null, Map.of()), "GET", user, path, 200);
    }

    Answer send(String method, String user, String path, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (user != null) {
            rb.header("Authorization", "Bearer " + token(user));
        }
        headers.forEach(rb::header);
        if (body != null) {
            rb.header("Content-Type", "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = exchange(rb.build(), method + " " + path);
        return answer(r);
    }

    /** Returns the body when the status is one of {@code ok}; otherwise fails with the problem. */
    JsonNode expect(Answer a, String method, String user, String path, int... ok) {
        for (int s : ok) {
            if (a.status() == s) {
                return a.body();
            }
        }
        throw new DemoException(method + " " + path + (user == null ? "" : " as " + user) + " answered "
                + a.status() + " " + contentType(a) + ": " + (a.raw().isBlank() ? "(no body)" : a.raw()));
    }

    static String query(Map<String, Object> params) {
        return params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    private String token(String user) {
        Token t = tokens.get(user);
        if (t != null && t.expires().isAfter(Instant.now().plusSeconds(30))) {
            return t.value();
        }
        String form = "grant_type=password&client_id=" + CLIENT_ID
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Answer a = answer(exchange(request, "token for " + user));
        if (a.status() != 200 || !a.body().hasNonNull("access_token")) {
            throw new DemoException("The token endpoint " + tokenUrl + " refused " + user + " (client " + CLIENT_ID
                    + "): " + a.status() + " " + a.raw());
        }
        Token fresh = new Token(a.body().get("access_token").asText(),
                Instant.now().plusSeconds(a.body().path("expires_in").asLong(60)));
        tokens.put(user, fresh);
        return fresh.value();
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DemoException(what + ": no answer from " + request.uri() + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException(what + ": interrupted");
        }
    }

    private static Answer answer(HttpResponse<String> r) {
        JsonNode body;
        try {
            body = r.body().isBlank() ? MissingNode.getInstance() : Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            body = MissingNode.getInstance();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        return new Answer(r.statusCode(), body, r.body(), headers);
    }

    private static String contentType(Answer a) {
        String ct = a.header("content-type");
        return ct == null ? "" : "(" + ct + ")";
    }
}
