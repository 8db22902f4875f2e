package no.katapult.events.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs a JSON answer from another part of the suite with the hub's service token. Every way this can fail (no
 * token, no answer, the token refused, another status) is an {@link Unavailable} whose message says which; a
 * refused token is dropped so that the next call fetches a new one.
 */
public final class TokenGet {

    private final ServiceToken token;
    private final HttpClient http;

    public TokenGet(ServiceToken token, Duration connectTimeout) {
        this.token = token;
        // HTTP/1.1: the suite speaks it, and an h2c upgrade would only add a round trip.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The body of a 200 from {@code uri}. {@code who} names the other side in messages ("the directory");
     * {@code refusedHint} says what to check when it refuses the hub's token.
     */
    public byte[] body(URI uri, Duration timeout, String who, String refusedHint) {
        String bearer;
        try {
            bearer = token.get();
        } catch (RuntimeException e) {
            // the token endpoint failed
            throw new Unavailable("no token for " + who + ": " + e.getClass().getSimpleName());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable(who + " cannot be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            token.reject();
            throw new Unavailable(who + " refused the hub's token (" + response.statusCode() + "); " + refusedHint);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(who + " answered " + response.statusCode());
        }
        return response.body();
    }
}
