package no.katapult.booking;

import no.katapult.common.testing.StartGate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** Fires real HTTP requests at the test server all at once, behind a start gate. */
public final class Concurrent {
    private Concurrent() {
    }

    public record Call(String token, String body) {
    }

    public record Answer(int status, String body) {
    }

    /**
     * Each call on its own client and connection, so that no call waits for or reuses another's. A call that
     * gets no answer at all is status 0 with the reason as its body, so that the test says which one it was.
     */
    public static List<Answer> post(URI uri, List<Call> calls) throws Exception {
        List<Callable<Answer>> sends = calls.stream().map(call -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + call.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.body()))
                    .build();
            return (Callable<Answer>) () -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), response.body());
                } catch (IOException e) {
                    return new Answer(0, "no answer: " + e);
                }
            };
        }).toList();
        return StartGate.runAtOnce(sends);
    }
}
