package no.katapult.gateway.proxy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that asks to upgrade to HTTP/2 (h2c, as java.net.http does by default) is answered in HTTP/1.1 and
 * its request is proxied as any other: the proxy lost h2c request bodies without Content-Length, left such a
 * client without an answer on an upstream timeout, and logged no trace id for it.
 */
@QuarkusTest
class Http2UpgradeTest {

    @TestHTTPResource
    URL url;

    @Test
    void anUpgradeRequestIsAnsweredInHttp11AndItsChunkedBodyArrives() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        byte[] body = "{\"name\": \"h2c\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()).resolve("/api/v1/applications/1"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(body.length, new JsonPath(response.body()).getInt("bodyLength"));
    }
}
