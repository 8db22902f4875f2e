package no.katapult.registry.centre;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createCentre;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page of JSON above Quarkus REST's default 8 KiB output buffer still goes out whole, with Content-Length:
 * chunked, it cost the gateway a write and a flush per chunk (quarkus.rest.output-buffer-size in common).
 */
@QuarkusTest
class WholeAnswerTest {

    @Test
    void aPageOfTwentyCentresIsSentWithContentLength() {
        for (int i = 0; i < 20; i++) {
            createCentre(centre(code("whole")));
        }
        Response page = given().queryParam("size", 20).get(CentreApiTest.CENTRES);
        page.then().statusCode(200);
        byte[] body = page.asByteArray();
        assertTrue(body.length > 8_192, "a page above the default buffer: " + body.length + " bytes");
        assertNull(page.header("Transfer-Encoding"), "not chunked");
        assertEquals(String.valueOf(body.length), page.header("Content-Length"),
                new String(body, 0, 200, StandardCharsets.UTF_8));
    }
}
