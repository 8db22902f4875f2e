package no.katapult.booking.openapi;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.booking.AtMondayMorning;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The dated examples of the served contract move with the service's clock, on every read. */
@QuarkusTest
class DatedExamplesFilterTest extends AtMondayMorning {

    static final String AVAILABILITY = "paths.'/api/v1/availability'.get.parameters";
    static final String STATEMENT = "paths.'/api/v1/aid/{orgNo}/statement'.get.parameters";
    static final String EXAMPLE = "paths.'/api/v1/bookings'.post.requestBody.content.'application/json'.examples.facility.value";

    @Test
    void theExampleIsTwoWeeksAheadOfNowAndMovesWithTheClock() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(EXAMPLE + ".start", equalTo("2027-01-18T10:00:00+01:00"))
                .body(EXAMPLE + ".end", equalTo("2027-01-18T12:00:00+01:00"))
                .body(EXAMPLE + ".resourceId", equalTo("2c1bd0bf-17fe-31fe-87ed-13860dd88583"))
                .body(EXAMPLE + ".resourceType", equalTo("FACILITY"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(AVAILABILITY + ".find { it.name == 'from' }.example", equalTo("2027-01-18T00:00:00+01:00"))
                .body(AVAILABILITY + ".find { it.name == 'to' }.example", equalTo("2027-01-19T00:00:00+01:00"))
                .body(STATEMENT + ".find { it.name == 'year' }.example", equalTo("2027"));
        clock.set("2027-03-15T08:00:00Z");
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(EXAMPLE + ".start", equalTo("2027-03-29T10:00:00+02:00"));
    }
}
