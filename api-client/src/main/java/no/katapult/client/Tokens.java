package no.katapult.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Access tokens from the OIDC provider's token endpoint (Keycloak's, realm {@code catapult}): for a user by the
 * password grant of the public client {@value #CLI_CLIENT} (the demo users' passwords are their user names), and
 * for a machine client by client credentials. A token is kept until shortly before it expires: a minute before,
 * or half its lifetime when that is shorter, so that no request sets out with a token about to expire.
 */
public final class Tokens {

    public static final String CLI_CLIENT = "catapult-cli";
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final String tokenUrl;
    private final Transport transport;
    private final Retry retry;
    private final Retry.Listener listener;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAt) {
    }

    Tokens(String tokenUrl, Transport transport, Retry retry, Retry.Listener listener) {
        this.tokenUrl = tokenUrl;
        this.transport = transport;
        this.retry = retry;
        this.listener = listener;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    /** A demo user's token (password = user name). */
    public String user(String username) {
        return user(username, username);
    }

    public String user(String username, String password) {
        return token("user:" + username, username + " (client " + CLI_CLIENT + ")", Map.of(
                "grant_type", "password", "client_id", CLI_CLIENT, "username", username, "password", password));
    }

    /** A machine client's token, e.g. a partner system's. */
    public String client(String clientId, String secret) {
        return token("client:" + clientId, "client " + clientId, Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(String key, String who, Map<String, String> form) {
        Token cached = cache.get(key);
        if (cached == null || !transport.clock().instant().isBefore(cached.renewAt())) {
            cached = fetch(who, form);
            cache.put(key, cached);
        }
        return cached.value();
    }

    private Token fetch(String who, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        Instant asked = transport.clock().instant();
        // Asking for a token changes nothing on the server: it may be asked again.
        Answer a = transport.exchange(request, "token for " + who, true, retry, listener);
        if (a.status() != 200 || !a.json().hasNonNull("access_token")) {
            throw new ApiException("The token endpoint " + tokenUrl + " refused " + who + ": " + a.status() + " "
                    + a.body(), a);
        }
        Duration lifetime = Duration.ofSeconds(a.json().path("expires_in").asLong(60));
        Duration margin = lifetime.dividedBy(2).compareTo(MARGIN) < 0 ? lifetime.dividedBy(2) : MARGIN;
        return new Token(a.json().get("access_token").asText(), asked.plus(lifetime).minus(margin));
    }
}
