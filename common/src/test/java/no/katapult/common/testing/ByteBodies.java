package no.katapult.common.testing;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * A request whose body is a byte array sent as it is, with its Content-Length. rest-assured's default encoders for
 * multipart/form-data, application/octet-stream and application/json took 6–7 s on the client for a 15–20 MiB
 * body; as bytes, the same 20 MiB upload took 1.3 s with the server's part included.
 */
public final class ByteBodies {

    private static final RestAssuredConfig AS_BYTES = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("multipart/form-data", ContentType.BINARY)
                    .encodeContentTypeAs("application/octet-stream", ContentType.BINARY)
                    .encodeContentTypeAs("application/json", ContentType.BINARY));

    private ByteBodies() {
    }

    /** {@code given()} with this content type and body. */
    public static RequestSpecification givenBytes(String contentType, byte[] body) {
        return given().config(AS_BYTES).contentType(contentType).body(body);
    }
}
