package no.katapult.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The iCalendar feed of GET /api/v1/bookings. */
@QuarkusTest
class BookingCalendarTest extends AtMondayMorning {

    @Test
    void calendarFeedParsesBackWithUtcTimes() throws Exception {
        String org = TestOrgNumbers.fresh();
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
}
