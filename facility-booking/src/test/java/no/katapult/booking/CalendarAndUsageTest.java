package no.katapult.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import no.katapult.booking.support.Api;
import no.katapult.booking.support.Orgs;
import no.katapult.booking.support.RegistryStub;
import no.katapult.booking.support.TestClock;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.support.Api.book;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CalendarAndUsageTest {

    @BeforeEach
    void now() {
        TestClock.set("2027-01-04T08:00:00Z");
    }

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    @Test
    void calendarFeedParsesBackWithUtcTimes() throws Exception {
        String org = Orgs.fresh();
        String token = TestTokens.sme("sme-ical", org);
        UUID facility = RegistryStub.facility().centre("digicat").register();
        String first = book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String second = book(token, "FACILITY", facility, "2027-03-28T01:00:00+01:00", "2027-03-28T04:00:00+02:00")
                .then().statusCode(201).extract().path("id");

        Response feed = given().auth().oauth2(token).accept("text/calendar").get("/api/v1/bookings").andReturn();
        feed.then().statusCode(200).contentType(startsWith("text/calendar"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.asString()));
        calendar.validate();
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(2, events.size(), feed.asString());
        Map<String, VEvent> byUid = events.stream().collect(Collectors.toMap(
                e -> e.getProperty(Property.UID).orElseThrow().getValue(), e -> e));

        VEvent a = byUid.get(first + "@bookings.katapult.no");
        assertEquals("20270111T090000Z", a.getProperty(Property.DTSTART).orElseThrow().getValue());
        assertEquals("20270111T110000Z", a.getProperty(Property.DTEND).orElseThrow().getValue());
        assertTrue(a.getProperty(Property.SUMMARY).orElseThrow().getValue().contains("Test lab"));
        assertTrue(a.getProperty(Property.LOCATION).orElseThrow().getValue().contains("Storgata 1, 6002 Ålesund"));
        VEvent b = byUid.get(second + "@bookings.katapult.no");
        assertEquals("20270328T000000Z", b.getProperty(Property.DTSTART).orElseThrow().getValue());
        assertEquals("20270328T020000Z", b.getProperty(Property.DTEND).orElseThrow().getValue());
        assertEquals(Instant.parse("2027-03-28T02:00:00Z"),
                Instant.from(b.getDateTimeEnd().getDate()));

        // The feed takes the same filters as the JSON list.
        String filtered = given().auth().oauth2(token).accept("text/calendar")
                .queryParam("from", "2027-03-01T00:00:00+01:00").get("/api/v1/bookings").asString();
        assertEquals(1, new CalendarBuilder().build(new StringReader(filtered)).getComponents("VEVENT").size());
    }

    @Test
    void usageIsAggregatedPerCentreWithoutNames() {
        String centre = "usage-" + UUID.randomUUID().toString().substring(0, 8);
        UUID facility = RegistryStub.facility().centre(centre).prices("1000.00", "400.00").register();
        UUID printer = RegistryStub.equipment(facility, "Printer", true);
        String anna = TestTokens.sme("sme-u1", Orgs.fresh());
        String bjorn = TestTokens.sme("sme-u2", Orgs.fresh());
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
