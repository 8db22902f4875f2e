package no.katapult.booking.usage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Usage per centre, for partners and Siva. */
@QuarkusTest
class UsageTest extends AtMondayMorning {

    @Test
    void usageIsAggregatedPerCentreWithoutNames() {
        String centre = "usage-" + UUID.randomUUID().toString().substring(0, 8);
        UUID facility = RegistryStub.facility().centre(centre).prices("1000.00", "400.00").register();
        UUID printer = RegistryStub.equipment(facility, "Printer", true);
        String anna = TestTokens.sme("sme-u1", TestOrgNumbers.fresh());
        String bjorn = TestTokens.sme("sme-u2", TestOrgNumbers.fresh());
        book(anna, "EQUIPMENT", printer, "2027-02-01T10:00:00+01:00", "2027-02-01T13:00:00+01:00").then().statusCode(201);
        book(bjorn, "FACILITY", facility, "2027-02-02T10:00:00+01:00", "2027-02-02T12:00:00+01:00").then().statusCode(201);
        String cancelled = book(bjorn, "FACILITY", facility, "2027-02-03T10:00:00+01:00", "2027-02-03T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        Api.cancel(bjorn, cancelled, "Avlyst").then().statusCode(200);
        book(anna, "FACILITY", facility, "2027-03-01T10:00:00+01:00", "2027-03-01T12:00:00+01:00").then().statusCode(201);

        Response usage = given().auth().oauth2(TestTokens.partner()).queryParam("from", "2027-02-01")
                .queryParam("to", "2027-02-28").get("/api/v1/bookings/usage").andReturn();
        String path = "centres.find { it.centreCode == '" + centre + "' }";
        usage.then().statusCode(200)
                .body("from", equalTo("2027-02-01T00:00:00+01:00"))
                .body("to", equalTo("2027-03-01T00:00:00+01:00"))
                .body(path + ".bookings", equalTo(2))
                .body(path + ".confirmedBookings", equalTo(2))
                .body(path + ".hoursBooked", equalTo(5.0f))
                .body(path + ".distinctSmes", equalTo(2))
                .body(path + ".aidGranted.amount", equalTo(3000.0f));
        assertFalse(usage.asString().contains("sme-u1") || usage.asString().contains("orgNo") || usage.asString().contains("bookedBy"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/bookings/usage?from=2027-02-01").then().statusCode(400);
    }
}
