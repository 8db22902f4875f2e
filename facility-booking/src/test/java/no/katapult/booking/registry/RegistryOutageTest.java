package no.katapult.booking.registry;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** catapult-registry stops answering mid-run: creating is a 503 problem, reading and cancelling keep working. */
@QuarkusTest
class RegistryOutageTest extends AtMondayMorning {

    static final String ORG = TestOrgNumbers.fresh();
    static final String TOKEN = TestTokens.user("sme-outage", "sme").orgNo(ORG).sign();

    @Test
    void registryDownMeans503OnCreateWhileReadsAndCancelWork() throws InterruptedException {
        UUID facility = RegistryStub.facility().rule("requiresApproval", true).centre("ocean-innovation").register();
        String kept = book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String toCancel = book(TOKEN, "FACILITY", facility, "2027-01-12T10:00:00+01:00", "2027-01-12T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        UUID neverSeen = UUID.randomUUID();

        RegistryStub.shutDown();
        try {
            // Repeated attempts first fail on the refused connection, then on the open circuit: 503 either way.
            for (int i = 0; i < 8; i++) {
                Response cached = book(TOKEN, "FACILITY", facility, "2027-01-13T10:00:00+01:00", "2027-01-13T12:00:00+01:00");
                assertProblem(cached, 503, "registry-unavailable");
                assertEquals("5", cached.header("Retry-After"));
                assertProblem(book(TOKEN, "FACILITY", neverSeen, "2027-01-13T10:00:00+01:00", "2027-01-13T12:00:00+01:00"),
                        503, "registry-unavailable");
            }
            assertProblem(Api.availability("FACILITY", neverSeen, "2027-01-11T00:00:00+01:00", "2027-01-12T00:00:00+01:00"),
                    503, "registry-unavailable");

            given().auth().oauth2(TOKEN).get("/api/v1/bookings/" + kept).then().statusCode(200)
                    .body("status", equalTo("REQUESTED"));
            given().auth().oauth2(TOKEN).get("/api/v1/bookings").then().statusCode(200).body("items.id", hasItem(kept));
            given().auth().oauth2(TOKEN).accept("text/calendar").get("/api/v1/bookings").then().statusCode(200);
            Api.cancel(TOKEN, toCancel, "Registeret er nede, men avbestilling virker").then().statusCode(200)
                    .body("status", equalTo("CANCELLED")).body("lateCancellation", equalTo(false));
            given().auth().oauth2(TestTokens.operator("operator-oi", "ocean-innovation"))
                    .post("/api/v1/bookings/" + kept + "/confirm").then().statusCode(200).body("status", equalTo("CONFIRMED"));
        } finally {
            RegistryStub.restart();
        }

        // Once the registry is back, the circuit closes again after its short test delay.
        assertEquals(201, bookWhenRegistryRecovers(facility, "2027-01-13T10:00:00+01:00", "2027-01-13T12:00:00+01:00"));
    }

    @Test
    void slowRegistryTimesOutAsA503() throws InterruptedException {
        UUID slow = RegistryStub.facility().slow(5000).register();
        assertProblem(book(TOKEN, "FACILITY", slow, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"),
                503, "registry-unavailable");
        UUID healthy = RegistryStub.facility().register();
        assertEquals(201, bookWhenRegistryRecovers(healthy, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"));
    }

    @Test
    void aConnectionTheRegistryClosesIsTriedOnceMore() {
        UUID facility = RegistryStub.facility().register();
        RegistryStub.dropConnections(facility, 1, Fault.EMPTY_RESPONSE);
        book(TOKEN, "FACILITY", facility, "2027-01-14T10:00:00+01:00", "2027-01-14T12:00:00+01:00")
                .then().statusCode(201);
        assertEquals(2, RegistryStub.requestsFor("/api/v1/facilities/" + facility));
    }

    @Test
    void aConnectionTheRegistryDropsTwiceIsA503NotTheCallersFault() {
        UUID facility = RegistryStub.facility().register();
        RegistryStub.dropConnections(facility, 2, Fault.CONNECTION_RESET_BY_PEER);
        assertProblem(book(TOKEN, "FACILITY", facility, "2027-01-14T10:00:00+01:00", "2027-01-14T12:00:00+01:00"),
                503, "registry-unavailable");
        assertEquals(2, RegistryStub.requestsFor("/api/v1/facilities/" + facility));
    }

    private static int bookWhenRegistryRecovers(UUID facility, String start, String end) throws InterruptedException {
        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 201; attempt++) {
            status = book(TOKEN, "FACILITY", facility, start, end).statusCode();
            if (status != 201) {
                Thread.sleep(200);
            }
        }
        return status;
    }
}
