package no.katapult.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;

/** Sends a request and asks again as its {@link Retry} allows; shared by the API calls and the token requests. */
final class Transport {

    private final HttpClient http;
    private final InstantSource clock;

    Transport(InstantSource clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.clock = clock;
    }

    InstantSource clock() {
        return clock;
    }

    /**
     * The answer, after retries where {@code repeatable} and the policy allow them.
     *
     * @throws ApiException when no answer came (also after retrying a refused connection), or on interruption
     */
    Answer exchange(HttpRequest request, String description, boolean repeatable, Retry retry, Retry.Listener listener) {
        long start = System.nanoTime();
        long deadline = start + retry.budget().toNanos();
        for (int attempt = 1; ; attempt++) {
            Answer answer = null;
            ConnectException refused = null;
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                answer = Answer.of(description, r.statusCode(), r.headers().map(), r.body(), since(start));
                if (!retry.enabled() || !repeatable || !Retry.retryable(r.statusCode())) {
                    return answer;
                }
            } catch (ConnectException e) {
                // Nothing reached the server, so any method may be sent again.
                if (!retry.enabled()) {
                    throw noAnswer(description, request, e);
                }
                refused = e;
            } catch (IOException e) {
                throw noAnswer(description, request, e);
            } catch (InterruptedException e) {
                throw interrupted(description, e);
            }
            Duration wait = retry.backoff(attempt, ThreadLocalRandom.current());
            String reason = "connection refused";
            if (answer != null) {
                reason = "answered " + answer.status();
                String header = answer.header("Retry-After").orElse(null);
                Duration asked = Retry.retryAfter(header, clock.instant()).orElse(Duration.ZERO);
                if (header != null) {
                    reason += " (Retry-After: " + header + ")";
                }
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            if (System.nanoTime() + wait.toNanos() > deadline) {
                if (answer != null) {
                    return answer;
                }
                throw noAnswer(description, request, refused);
            }
            listener.retrying(description, reason, wait);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                throw interrupted(description, e);
            }
        }
    }

    private static ApiException interrupted(String description, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ApiException(description + ": interrupted", e);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static ApiException noAnswer(String description, HttpRequest request, IOException e) {
        return new ApiException(description + ": no answer from " + request.uri() + " (" + e + ")", e);
    }
}
