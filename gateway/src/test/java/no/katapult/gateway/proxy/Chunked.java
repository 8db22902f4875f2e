package no.katapult.gateway.proxy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends a body without Content-Length (Transfer-Encoding: chunked), which rest-assured does not do. */
final class Chunked {

    private Chunked() {
    }

    static HttpResponse<String> put(URL base, String path, byte[] body) throws Exception {
        return send(base, path, "PUT", body);
    }

    static HttpResponse<String> post(URL base, String path, byte[] body) throws Exception {
        return send(base, path, "POST", body);
    }

    private static HttpResponse<String> send(URL base, String path, String method, byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
