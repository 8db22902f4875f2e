package no.katapult.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Readiness probes over HTTP. */
public final class Probe {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Probe() {
    }

    /** A Quarkus readiness endpoint answering 200 with status UP. */
    public static boolean healthUp(String url) {
        return get(url).map(body -> body.replace(" ", "").contains("\"status\":\"UP\"")).orElse(false);
    }

    /** Any 200 answer, e.g. an OpenID discovery document. */
    public static boolean ok(String url) {
        return get(url).isPresent();
    }

    private static java.util.Optional<String> get(String url) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? java.util.Optional.of(r.body()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
