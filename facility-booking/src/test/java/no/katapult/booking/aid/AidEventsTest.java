package no.katapult.booking.aid;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.EventFeed;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: de minimis aid is granted with a booking that carries it and released when the booking is
 * cancelled or rejected; subject organisations/{orgNo}/aid, numbered per organisation. The events carry no
 * personal data, so partners see them whole. An SME hour here is NOK 400 against NOK 1,000: NOK 600 of aid.
 */
@QuarkusTest
class AidEventsTest extends AtMondayMorning {

    @Test
    void aidIsGrantedWithEachBookingAndReleasedByCancellationAndRejection() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-aid-events", org);
        UUID facility = RegistryStub.facility().prices("1000.00", "400.00").rule("requiresApproval", true).register();
        String first = book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T13:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String second = book(token, "FACILITY", facility, "2027-01-12T10:00:00+01:00", "2027-01-12T11:00:00+01:00")
                .then().statusCode(201).extract().path("id");

        String subject = "organisations/" + org + "/aid";
        List<Map<String, Object>> events = EventFeed.await(subject, 2);
        assertEquals(List.of(AidLedger.GRANTED, AidLedger.GRANTED), EventFeed.types(events));
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
        assertAid(events.get(0), org, first, 1800.0f, 156.52f);
        assertAid(events.get(1), org, second, 600.0f, 52.17f);

        Api.cancel(token, first, "Prosjektet er utsatt").then().statusCode(200);
        given().auth().oauth2(TestTokens.operator("operator-aid-events", "digicat")).contentType("application/json")
                .body("{\"reason\":\"Fullt\"}").post("/api/v1/bookings/" + second + "/reject").then().statusCode(200);
        events = EventFeed.await(subject, 4);
        assertEquals(List.of(AidLedger.GRANTED, AidLedger.GRANTED, AidLedger.RELEASED, AidLedger.RELEASED),
                EventFeed.types(events));
        assertEquals(List.of(1L, 2L, 3L, 4L), EventFeed.sequences(events));
        assertAid(events.get(2), org, first, 1800.0f, 156.52f);
        assertAid(events.get(3), org, second, 600.0f, 52.17f);
    }

    @Test
    void aBookingWithoutAidGrantsNothing() {
        String large = TestOrgNumbers.fresh();
        RegistryStub.organisation(large, "LARGE");
        String token = TestTokens.sme("big-corp-events", large);
        String id = book(token, "FACILITY", RegistryStub.facility().register(),
                "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00").then().statusCode(201).extract().path("id");
        Api.cancel(token, id, "Ikke behov").then().statusCode(200);

        EventFeed.await("bookings/" + id, 2);
        assertEquals(List.of(), EventFeed.of("organisations/" + large + "/aid"), "no aid, no aid events");
    }

    @SuppressWarnings("unchecked")
    private static void assertAid(Map<String, Object> event, String org, String bookingId, float nok, float eur) {
        assertEquals(org, event.get("orgNo"));
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        assertEquals(org, data.get("orgNo"));
        assertEquals(bookingId, data.get("bookingId"));
        Map<String, Object> amount = (Map<String, Object>) data.get("amount");
        assertEquals(nok, ((Number) amount.get("amount")).floatValue());
        assertEquals("NOK", amount.get("currency"));
        assertEquals(eur, ((Number) data.get("amountEur")).floatValue());
        assertTrue(((String) data.get("regulation")).contains("2023/2831"));
        assertEquals(data, event.get("partnerData"), "partners see the aid event whole");
    }
}
