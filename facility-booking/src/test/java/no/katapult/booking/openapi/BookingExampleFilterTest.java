package no.katapult.booking.openapi;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.booking.AtMondayMorning;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The example booking in the served contract moves with the service's clock, on every read. */
@QuarkusTest
class BookingExampleFilterTest extends AtMondayMorning {

    static final String EXAMPLE = "paths.'/api/v1/bookings'.post.requestBody.content.'application/json'.examples.facility.value";

    @Test
    void theExampleIsTwoWeeksAheadOfNowAndMovesWithTheClock() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(EXAMPLE + ".start", equalTo("2027-01-18T10:00:00+01:00"))
                .body(EXAMPLE + ".end", equalTo("2027-01-18T12:00:00+01:00"))
                .body(EXAMPLE + ".resourceId", equalTo("2c1bd0bf-17fe-31fe-87ed-13860dd88583"))
                .body(EXAMPLE + ".resourceType", equalTo("FACILITY"));
        clock.set("2027-03-15T08:00:00Z");
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(EXAMPLE + ".start", equalTo("2027-03-29T10:00:00+02:00"));
    }
}
