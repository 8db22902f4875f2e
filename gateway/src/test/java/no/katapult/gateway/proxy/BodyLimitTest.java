package no.katapult.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.gateway.Stubs;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Arrays;

import static no.katapult.common.testing.ByteBodies.givenBytes;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The default limit is 1 MiB (gateway.max-body-size); POST /api/v1/applications/{id}/attachments alone may send
 * 20 MiB plus 64 KiB of multipart framing (gateway.body-limits.attachment-upload).
 */
@QuarkusTest
class BodyLimitTest {

    @TestHTTPResource
    URL url;

    static final int MIB = 1024 * 1024;

    @Test
    void declaredBodyOverTheLimitIs413ProblemAndNotForwarded() {
        Stubs application = Stubs.of("application-service");
        int before = application.hits();
        Response response = givenBytes("application/json", json(2 * MIB))
                .post("/api/v1/applications");
        assertProblem(response, 413, "payload-too-large");
        response.then().body("limit", equalTo(MIB));
        assertEquals(before, application.hits());
    }

    @Test
    void chunkedBodyOverTheLimitIs413Problem() throws Exception {
        HttpResponse<String> response = Chunked.put(url, "/api/v1/applications/1", json(3 * MIB));
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonPath problem = new JsonPath(response.body());
        assertEquals("urn:katapult:problem:payload-too-large", problem.getString("type"));
        assertEquals(response.headers().firstValue("X-Request-Id").orElse(null), problem.getString("requestId"));
    }

    @Test
    void bodyUpToTheLimitPasses() throws Exception {
        givenBytes("application/json", json(MIB)).post("/api/v1/applications")
                .then().statusCode(200).body("bodyLength", equalTo(MIB));
        HttpResponse<String> chunked = Chunked.put(url, "/api/v1/applications/1", json(MIB / 2));
        assertEquals(200, chunked.statusCode());
        assertEquals(MIB / 2, new JsonPath(chunked.body()).getInt("bodyLength"));
    }

    static final int UPLOAD_LIMIT = 20 * MIB + 64 * 1024;
    static final String UPLOAD = "/api/v1/applications/6f1c1a52-8d6e-4a8b-9a57-3f1d2c4b5a69/attachments";

    @Test
    void theAttachmentUploadAloneTakesA15MiBBody() throws Exception {
        Stubs application = Stubs.of("application-service");
        givenBytes("application/octet-stream", new byte[15 * MIB]).post(UPLOAD)
                .then().statusCode(200).body("path", equalTo(UPLOAD)).body("bodyLength", equalTo(15 * MIB));
        HttpResponse<String> chunked = Chunked.post(url, UPLOAD, new byte[15 * MIB]);
        assertEquals(200, chunked.statusCode(), chunked.body());
        assertEquals(15 * MIB, new JsonPath(chunked.body()).getInt("bodyLength"));

        // 2 MiB anywhere else is still too large: another path of the same service, and the upload path's other methods.
        int before = application.hits();
        for (Response r : new Response[]{
                givenBytes("application/json", json(2 * MIB)).post("/api/v1/applications"),
                givenBytes("application/json", json(2 * MIB)).put(UPLOAD),
                givenBytes("application/octet-stream", new byte[2 * MIB]).post(UPLOAD + "/extra"),
                givenBytes("application/json", json(2 * MIB)).post("/api/v1/bookings")}) {
            assertProblem(r, 413, "payload-too-large");
            r.then().body("limit", equalTo(MIB));
        }
        assertEquals(before, application.hits());
    }

    @Test
    void theUploadPastItsOwnLimitIs413NamingThatLimit() throws Exception {
        Stubs application = Stubs.of("application-service");
        int before = application.hits();
        Response declared = givenBytes("application/octet-stream", new byte[UPLOAD_LIMIT + 1]).post(UPLOAD);
        assertProblem(declared, 413, "payload-too-large");
        declared.then().body("limit", equalTo(UPLOAD_LIMIT));
        assertEquals(before, application.hits());

        HttpResponse<String> chunked = Chunked.post(url, UPLOAD, new byte[21 * MIB]);
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals(UPLOAD_LIMIT, new JsonPath(chunked.body()).getInt("limit"));
    }

    /** A JSON string document of exactly {@code size} bytes. */
    static byte[] json(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        bytes[0] = '"';
        bytes[size - 1] = '"';
        return bytes;
    }
}
